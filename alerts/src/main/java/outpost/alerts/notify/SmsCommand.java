package outpost.alerts.notify;

/** What an inbound SMS asks for: {@code ACK 17}, {@code ACK ALL}, or something not understood. */
public sealed interface SmsCommand {
  /** Acknowledge the problem of check {@code checkId}. */
  record Ack(long checkId) implements SmsCommand {}

  /** Acknowledge every unacknowledged problem. */
  record AckAll() implements SmsCommand {}

  /** Not a command; {@code reason} is the help text to reply with. */
  record Unknown(String reason) implements SmsCommand {}
}
