package outpost.alerts;

/**
 * The outcome of an inbound SMS.
 *
 * @param verified whether the Twilio signature was valid (if not, answer 403 and do nothing)
 * @param reply the text to answer with (TwiML {@code <Message>}), empty for none
 */
public record InboundSmsReply(boolean verified, String reply) {}
