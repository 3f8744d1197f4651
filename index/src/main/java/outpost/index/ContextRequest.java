package outpost.index;

import java.time.Instant;
import java.util.Objects;

/**
 * The events logged around one event by the same host (and optionally the same app), by position in
 * the store (indexed time, then id), not by a time window.
 *
 * @param id the event's {@link StoredEvent#id()}
 * @param timestamp the event's timestamp as returned with the hit: a hint where to look for it
 * @param before how many earlier events to return, 0..{@link #MAX_EVENTS}
 * @param after how many later events to return, 0..{@link #MAX_EVENTS}
 * @param sameApp also require the anchor's app
 */
public record ContextRequest(long id, Instant timestamp, int before, int after, boolean sameApp) {
  public static final int MAX_EVENTS = 1_000;

  public ContextRequest {
    Objects.requireNonNull(timestamp, "timestamp");
    if (before < 0 || before > MAX_EVENTS) {
      throw new QueryException("before " + before + " outside 0.." + MAX_EVENTS);
    }
    if (after < 0 || after > MAX_EVENTS) {
      throw new QueryException("after " + after + " outside 0.." + MAX_EVENTS);
    }
  }
}
