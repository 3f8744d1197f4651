package outpost.web.api;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import outpost.index.HostInfo;

/** Derived views of a {@link HostInfo} as of the request's "now". Stateless. */
final class HostViews {
  private HostViews() {}

  /**
   * The host's messages per minute over the {@link HostInfo#MINUTES} minutes ending with the minute
   * of {@code now}, oldest first: its counts shifted left by the minutes since {@link
   * HostInfo#asOf()}, with zeros for minutes it sent nothing.
   */
  static List<Long> perMinute(HostInfo host, Instant now) {
    long shift =
        Duration.between(
                host.asOf().truncatedTo(ChronoUnit.MINUTES), now.truncatedTo(ChronoUnit.MINUTES))
            .toMinutes();
    List<Long> counts = host.perMinute();
    List<Long> out = new ArrayList<>(HostInfo.MINUTES);
    for (int i = 0; i < HostInfo.MINUTES; i++) {
      // index into the host's series, which ends at asOf and is right-aligned
      long source = i + shift - (HostInfo.MINUTES - counts.size());
      out.add(source >= 0 && source < counts.size() ? counts.get((int) source) : 0L);
    }
    return out;
  }

  /** Whole seconds since the host was last seen, never negative. */
  static long silentSeconds(HostInfo host, Instant now) {
    return Math.max(0, Duration.between(host.lastSeen(), now).toSeconds());
  }

  /** Not retired and last seen longer than {@code silentAfter} ago. */
  static boolean silent(HostInfo host, Instant now, Duration silentAfter) {
    return !host.retired() && Duration.between(host.lastSeen(), now).compareTo(silentAfter) > 0;
  }
}
