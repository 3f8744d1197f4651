package outpost.alerts.notify;

/**
 * Sends one SMS and classifies the result; never throws for provider or network errors.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface SmsSender {
  /**
   * Sends {@code body} to {@code to}.
   *
   * @param to E.164 number
   * @param body at most {@link SmsText#MAX_CHARS} characters
   */
  SendOutcome send(String to, String body);
}
