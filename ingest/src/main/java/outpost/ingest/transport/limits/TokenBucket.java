package outpost.ingest.transport.limits;

/**
 * A token bucket: {@code rate} tokens per second, holding at most one second's worth (the burst).
 * Taking may drive it into debt; {@link #take} then says how long the taker should pause for the
 * debt to be repaid. That lets a reader pause instead of dropping what it has already read.
 *
 * <p>Thread-safe: a source's bucket is shared by connections on several event loops.
 */
final class TokenBucket {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long rate;
  private double tokens;
  private long lastNanos;

  /**
   * @param rate tokens per second, above 0
   * @param nowNanos the ticker's current value
   */
  TokenBucket(long rate, long nowNanos) {
    if (rate <= 0) {
      throw new IllegalArgumentException("rate " + rate + " is not positive");
    }
    this.rate = rate;
    this.tokens = rate;
    this.lastNanos = nowNanos;
  }

  /**
   * Takes {@code amount} tokens.
   *
   * @return 0 when the bucket still holds tokens; otherwise the nanoseconds until the debt is
   *     repaid
   */
  synchronized long take(long amount, long nowNanos) {
    refill(nowNanos);
    tokens -= amount;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / rate);
  }

  /**
   * Takes {@code amount} tokens only if the bucket holds them (an amount above one second's worth
   * needs a full bucket), for senders that cannot be paused.
   *
   * @return whether they were taken
   */
  synchronized boolean tryTake(long amount, long nowNanos) {
    refill(nowNanos);
    if (tokens < Math.min(amount, rate)) {
      return false;
    }
    tokens -= amount;
    return true;
  }

  /** Nanoseconds until the bucket is out of debt; 0 when it is not in debt. */
  synchronized long debtNanos(long nowNanos) {
    refill(nowNanos);
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / rate);
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(rate, tokens + (double) elapsed * rate / NANOS_PER_SECOND);
      lastNanos = nowNanos;
    }
  }
}
