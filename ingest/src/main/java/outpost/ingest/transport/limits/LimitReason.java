package outpost.ingest.transport.limits;

import java.util.Locale;

/**
 * Why a listener limited a source; the fixed value set of the {@code reason} tag of {@link
 * LimitMetrics#LIMITED}.
 */
public enum LimitReason {
  /** The source address is outside the listener's allow-list: connection closed at accept. */
  NOT_ALLOWED,
  /** The source already had its maximum of open connections: connection closed at accept. */
  CONNECTIONS_PER_SOURCE,
  /** The listener already had its maximum of open connections: connection closed at accept. */
  CONNECTIONS_TOTAL,
  /** One connection exceeded its message rate: reading paused (TCP, TLS). */
  RATE_CONNECTION,
  /** A source exceeded its message rate: reading paused (TCP, TLS) or datagram dropped (UDP). */
  RATE_SOURCE,
  /** A source exceeded its byte rate: reading paused (TCP, TLS) or datagram dropped (UDP). */
  BYTES_SOURCE;

  /** Lower-case tag value, e.g. {@code rate_source}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
