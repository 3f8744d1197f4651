package outpost.alerts.state;

import java.time.Instant;
import java.util.Objects;
import outpost.alerts.check.Status;

/**
 * One line of a check's history (the timeline on the check detail page).
 *
 * @param kind {@code STATE} (a state or state-type change), {@code ACK}, {@code ACKREMOVED}, {@code
 *     FLAPPINGSTART}, {@code FLAPPINGSTOP}, {@code DOWNTIMESTART}, {@code DOWNTIMEEND}, {@code
 *     NOTIFICATION}, and {@code RETIRED} (written by the engine when the host was retired)
 * @param detail free text (output for STATE, author and comment for ACK, ...)
 */
public record HistoryEvent(
    long checkId,
    Instant at,
    String kind,
    Status status,
    StateType type,
    int attempt,
    String detail) {
  public HistoryEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(type, "type");
    detail = Objects.requireNonNullElse(detail, "");
  }
}
