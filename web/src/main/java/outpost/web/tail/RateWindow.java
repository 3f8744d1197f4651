package outpost.web.tail;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Matches per second over a sliding window, from samples of a growing counter. Not thread-safe: one
 * tail stream's thread uses it.
 */
final class RateWindow {
  private record Sample(long nanos, long count) {}

  private final long windowNanos;
  private final Deque<Sample> samples = new ArrayDeque<>();

  RateWindow(java.time.Duration window) {
    this.windowNanos = window.toNanos();
  }

  /**
   * Records the counter's value at {@code nanos} (monotonic) and returns the rate over the window
   * ending there: the increase since the last sample at or before the window's start (or the first
   * sample, while the window is not yet full), per second of the time between them.
   */
  double record(long nanos, long count) {
    samples.addLast(new Sample(nanos, count));
    while (samples.size() > 2 && isAtOrBeforeStart(secondOldest(), nanos)) {
      samples.removeFirst();
    }
    Sample oldest = samples.peekFirst();
    long elapsed = nanos - oldest.nanos();
    if (elapsed <= 0) {
      return 0;
    }
    return (count - oldest.count()) * 1e9 / Math.max(elapsed, 1_000_000_000L);
  }

  private boolean isAtOrBeforeStart(Sample sample, long now) {
    return now - sample.nanos() >= windowNanos;
  }

  private Sample secondOldest() {
    var it = samples.iterator();
    it.next();
    return it.next();
  }
}
