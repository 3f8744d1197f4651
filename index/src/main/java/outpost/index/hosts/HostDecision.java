package outpost.index.hosts;

import java.util.Objects;

/**
 * A person's decision about a host taken on one Outpost node, shared with the others: retire it
 * (silence expected) or forget it. Either holds until the host logs after {@code atMillis}; of two
 * decisions for one host the newer wins.
 *
 * @param host the host
 * @param kind what was decided
 * @param atMillis when (epoch milliseconds, the deciding node's clock)
 */
public record HostDecision(String host, Kind kind, long atMillis) {
  /** What was decided. */
  public enum Kind {
    RETIRE,
    FORGET
  }

  public HostDecision {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(kind, "kind");
    if (host.isEmpty() || host.length() > HostRegistry.MAX_NAME_CHARS) {
      throw new IllegalArgumentException(
          "host name of " + host.length() + " chars outside 1.." + HostRegistry.MAX_NAME_CHARS);
    }
  }

  /** Whether this decision is newer than {@code other} (null counts as older). */
  public boolean newerThan(HostDecision other) {
    return other == null || atMillis > other.atMillis;
  }
}
