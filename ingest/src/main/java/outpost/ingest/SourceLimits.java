package outpost.ingest;

import java.util.Map;
import java.util.Objects;

/**
 * How often one source address hit a listener's limits, for {@code /health} and the UI. Immutable.
 *
 * @param listener the listener's transport, e.g. {@code tls}
 * @param address the source IP address as text
 * @param byReason counts by limit reason tag ({@code rate_source}, {@code not_allowed}, ...); only
 *     reasons that occurred
 */
public record SourceLimits(String listener, String address, Map<String, Long> byReason) {
  public SourceLimits {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(address, "address");
    byReason = Map.copyOf(byReason);
  }

  /** Limits hit, all reasons. */
  public long total() {
    return byReason.values().stream().mapToLong(Long::longValue).sum();
  }
}
