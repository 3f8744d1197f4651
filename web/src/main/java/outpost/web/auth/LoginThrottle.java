package outpost.web.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins per key (a remote address, or a user name; the server keeps one throttle of
 * each): after {@link #maxFailures} failures inside one window, every further attempt for that key
 * is refused until the window ends, before any password is hashed. This caps both guessing and the
 * CPU an attacker can make the server spend on hashes. A success clears the key.
 *
 * <p>Thread-safe. Tracks at most {@link #MAX_ADDRESSES} keys; when full and nothing has expired,
 * new keys go untracked (fail open) rather than evicting ones already throttled.
 */
public final class LoginThrottle {
  public static final int MAX_ADDRESSES = 10_000;
  public static final int DEFAULT_MAX_FAILURES = 10;
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

  private record Window(Instant start, int failures) {}

  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final int maxFailures;
  private final Duration window;
  private final InstantSource clock;

  public LoginThrottle(int maxFailures, Duration window, InstantSource clock) {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures " + maxFailures + " is below 1");
    }
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /** How long {@code address} must wait before trying again; empty when it may try now. */
  public Optional<Duration> retryAfter(String address) {
    Window w = windows.get(address);
    if (w == null || w.failures() < maxFailures) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant end = w.start().plus(window);
    if (!now.isBefore(end)) {
      windows.remove(address, w);
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, end));
  }

  /** Counts one failed attempt from {@code address}. */
  public void failed(String address) {
    Instant now = clock.instant();
    if (!windows.containsKey(address) && windows.size() >= MAX_ADDRESSES) {
      windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
      if (windows.size() >= MAX_ADDRESSES) {
        return;
      }
    }
    windows.compute(
        address,
        (a, w) ->
            w == null || !now.isBefore(w.start().plus(window))
                ? new Window(now, 1)
                : new Window(w.start(), w.failures() + 1));
  }

  /** Clears {@code address} after a successful login. */
  public void succeeded(String address) {
    windows.remove(address);
  }
}
