package outpost.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Downtime asked for by a user: fixed from start to end, or flexible (starts at the first problem
 * between start and end, lasts {@code duration}). An empty service covers the whole host.
 */
public record DowntimeRequest(
    String host,
    String service,
    Instant start,
    Instant end,
    boolean fixed,
    Duration duration,
    String author,
    String comment) {
  public DowntimeRequest {
    Objects.requireNonNull(host, "host");
    service = Objects.requireNonNullElse(service, "");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(author, "author");
    comment = Objects.requireNonNullElse(comment, "");
  }
}
