package outpost.agents;

import java.util.random.RandomGenerator;

/**
 * Exponential reconnect delays with jitter: the n-th failure in a row waits a random time between
 * half and all of {@code min(MAX, MIN * 2^n)}, so many nodes do not reconnect in step. Not
 * thread-safe.
 */
final class Backoff {
  static final long MIN_MILLIS = 100;
  static final long MAX_MILLIS = 30_000;

  private final RandomGenerator random;
  private int failures;

  Backoff(RandomGenerator random) {
    this.random = random;
  }

  /** The delay before the next attempt; counts a failure. */
  long nextDelayMillis() {
    long ceiling = MIN_MILLIS << Math.min(failures, 20);
    ceiling = Math.min(MAX_MILLIS, ceiling);
    failures++;
    return ceiling / 2 + random.nextLong(ceiling / 2 + 1);
  }

  void reset() {
    failures = 0;
  }
}
