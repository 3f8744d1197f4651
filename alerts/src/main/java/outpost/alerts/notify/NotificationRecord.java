package outpost.alerts.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * One outbox entry as the notification log shows it.
 *
 * @param id outbox id
 * @param created when it was written to the outbox
 * @param type the notification type ({@code PROBLEM}, {@code RECOVERY}, ...)
 * @param checkId the check it is about (for a grouped message, the first one)
 * @param subject {@code host/service} or {@code host}; for a grouped message, "N checks"
 * @param contact contact name
 * @param channel {@code sms} or {@code webhook}
 * @param destination where it goes, masked ({@code +4479****1234}, webhook host only)
 * @param text the text sent (or to send)
 * @param state {@code pending}, {@code sent}, {@code failed} (permanent), {@code grouped} (folded
 *     into another message), {@code suppressed} (outside the contact's time period or rate limit)
 * @param attempts delivery attempts so far
 * @param nextAttempt when the next attempt is due; null unless pending
 * @param error the last error (provider code and message); empty if none
 * @param sentAt when the provider accepted it; null until then
 * @param providerId the provider's id (Twilio message SID); empty until sent
 */
public record NotificationRecord(
    long id,
    Instant created,
    String type,
    long checkId,
    String subject,
    String contact,
    String channel,
    String destination,
    String text,
    String state,
    int attempts,
    Instant nextAttempt,
    String error,
    Instant sentAt,
    String providerId) {
  public NotificationRecord {
    Objects.requireNonNull(created, "created");
    error = Objects.requireNonNullElse(error, "");
    providerId = Objects.requireNonNullElse(providerId, "");
  }
}
