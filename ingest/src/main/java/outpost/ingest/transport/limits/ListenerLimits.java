package outpost.ingest.transport.limits;

import java.util.List;
import java.util.Objects;

/**
 * The limits of one listener. Immutable. A value of 0 means "no limit"; an empty allow-list admits
 * every address.
 *
 * @param ratePerConnection messages per second one connection may send; bursts of up to one
 *     second's worth pass at once
 * @param ratePerSource messages per second one source address may send over all its connections
 * @param bytesPerSource bytes per second one source address may send (on the wire, so TLS records
 *     count with their overhead)
 * @param connectionsPerSource open connections one source address may hold
 * @param connectionsTotal open connections the listener may hold
 * @param allow the networks that may connect (or send datagrams); empty: all
 */
public record ListenerLimits(
    long ratePerConnection,
    long ratePerSource,
    long bytesPerSource,
    int connectionsPerSource,
    int connectionsTotal,
    List<Cidr> allow) {
  /** No limit at all. */
  public static final ListenerLimits NONE = new ListenerLimits(0, 0, 0, 0, 0, List.of());

  public ListenerLimits {
    allow = List.copyOf(Objects.requireNonNull(allow, "allow"));
    nonNegative("rate per connection", ratePerConnection);
    nonNegative("rate per source", ratePerSource);
    nonNegative("bytes per source", bytesPerSource);
    nonNegative("connections per source", connectionsPerSource);
    nonNegative("connections total", connectionsTotal);
  }

  private static void nonNegative(String what, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " " + value + " is negative (0 = no limit)");
    }
  }

  /** Whether any message or byte rate is set, so the rate handlers are needed. */
  public boolean limitsRate() {
    return ratePerConnection > 0 || ratePerSource > 0 || bytesPerSource > 0;
  }
}
