package outpost.alerts.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Scheduled downtime. A fixed one silences notifications from {@code start} to {@code end}; a
 * flexible one starts when the check (or host) first enters a problem state between {@code start}
 * and {@code end} and then lasts {@code duration}, as in Nagios.
 *
 * @param id identifier, unique for the server's life (assigned by the engine's store)
 * @param host the host it covers
 * @param service the service it covers; empty covers the host check and every service of the host
 * @param triggeredAt when it took effect (fixed: its start; flexible: the first problem), null
 *     before
 */
public record Downtime(
    long id,
    String host,
    String service,
    Instant start,
    Instant end,
    boolean fixed,
    Duration duration,
    String author,
    String comment,
    Instant triggeredAt) {
  public Downtime {
    Objects.requireNonNull(host, "host");
    service = Objects.requireNonNullElse(service, "");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("downtime end " + end + " is not after start " + start);
    }
    duration = Objects.requireNonNullElse(duration, Duration.between(start, end));
    Objects.requireNonNull(author, "author");
    comment = Objects.requireNonNullElse(comment, "");
  }

  public boolean covers(CheckKey key) {
    return host.equals(key.host()) && (service.isEmpty() || service.equals(key.service()));
  }
}
