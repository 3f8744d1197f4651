package outpost.web.tail;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a live-tail stream writes: {@code hits} at most every {@code hitsInterval}, {@code
 * stats} every {@code statsInterval} without hits, a keepalive comment every {@code
 * keepaliveInterval}. Immutable.
 */
public record TailPacing(
    Duration hitsInterval, Duration statsInterval, Duration keepaliveInterval) {
  /** 250 ms, 1 s and 15 s, as {@code web/API.md} states. */
  public static final TailPacing DEFAULT =
      new TailPacing(Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(15));

  public TailPacing {
    Objects.requireNonNull(hitsInterval, "hitsInterval");
    Objects.requireNonNull(statsInterval, "statsInterval");
    Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
    if (hitsInterval.isNegative()
        || !statsInterval.isPositive()
        || !keepaliveInterval.isPositive()) {
      throw new IllegalArgumentException(
          "tail pacing "
              + hitsInterval
              + ", "
              + statsInterval
              + ", "
              + keepaliveInterval
              + ": intervals must be positive");
    }
  }
}
