package outpost.web.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import outpost.web.WebMeters;

/**
 * Counts failed logins as {@link WebMeters#AUTH_FAILURES}, tagged {@code reason} = {@code invalid}
 * (wrong password, unknown user or token), {@code malformed} (unreadable header) or {@code
 * throttled}. Thread-safe.
 */
final class AuthFailures {
  final Counter invalid;
  final Counter malformed;
  final Counter throttled;

  AuthFailures(MeterRegistry registry) {
    this.invalid = counter(registry, "invalid");
    this.malformed = counter(registry, "malformed");
    this.throttled = counter(registry, "throttled");
  }

  private static Counter counter(MeterRegistry registry, String reason) {
    return Counter.builder(WebMeters.AUTH_FAILURES)
        .description("Failed HTTP logins")
        .tag("reason", reason)
        .register(registry);
  }
}
