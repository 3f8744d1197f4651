package outpost.alerts.state;

import java.time.Instant;
import java.util.Objects;
import outpost.alerts.check.Status;

/**
 * The state machine's decision that someone should be told something. Routing to contacts (time
 * periods, escalation levels), grouping and delivery are the notifier's job.
 *
 * @param checkId the check's numeric id (what {@code ACK <id>} names)
 * @param key host and service
 * @param status the check's status now
 * @param hostStatus for host checks the host state, else null
 * @param output the check output that caused it
 * @param problemSince when the current problem began (the HARD change), or null for RECOVERY of
 *     nothing
 * @param at when it was decided
 * @param number the problem's notification number: 1 for the first PROBLEM, counting up with
 *     re-notifications; 0 for types other than PROBLEM
 * @param escalationLevel 0 for the first contacts, 1.. once {@link CheckPolicy#escalations()} have
 *     passed without an acknowledgement
 * @param author who acknowledged or scheduled downtime; empty otherwise
 * @param comment their comment; empty otherwise
 */
public record NotificationEvent(
    NotificationType type,
    long checkId,
    CheckKey key,
    Status status,
    HostStatus hostStatus,
    String output,
    Instant problemSince,
    Instant at,
    int number,
    int escalationLevel,
    String author,
    String comment) {
  public NotificationEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    output = Objects.requireNonNullElse(output, "");
    Objects.requireNonNull(at, "at");
    author = Objects.requireNonNullElse(author, "");
    comment = Objects.requireNonNullElse(comment, "");
  }
}
