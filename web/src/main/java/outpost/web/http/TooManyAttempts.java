package outpost.web.http;

import java.time.Duration;

/**
 * Too many failed logins from this address or for this user name; becomes a 429 with {@code
 * Retry-After}.
 */
public final class TooManyAttempts extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  public TooManyAttempts(Duration retryAfter) {
    super("too many failed logins; retry after " + seconds(retryAfter) + " s", null, false, false);
    this.retryAfter = retryAfter;
  }

  /** Whole seconds to wait, rounded up, at least 1. */
  public long retryAfterSeconds() {
    return seconds(retryAfter);
  }

  private static long seconds(Duration d) {
    return Math.max(1, d.plusMillis(999).toSeconds());
  }
}
