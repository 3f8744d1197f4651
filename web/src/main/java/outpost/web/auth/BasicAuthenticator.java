package outpost.web.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import outpost.web.WebMeters;

/**
 * Decides whether an HTTP Basic {@code Authorization} header names a user of the {@link UserStore}:
 * first the per-address {@link LoginThrottle}, then the {@link CredentialCache}, then a full
 * password hash. Failed attempts are counted as {@code outpost.http.auth.failures} tagged with a
 * reason from a fixed set. Free of HTTP framework types, so a session login can reuse it.
 *
 * <p>Thread-safe.
 */
public final class BasicAuthenticator {
  /** The outcome of one attempt. */
  public sealed interface Result {
    /** The header names this user and the password is theirs. */
    record Authenticated(String user) implements Result {}

    /** No credentials were offered. */
    record Missing() implements Result {}

    /** Credentials were offered and are wrong or malformed. */
    record Rejected(String reason) implements Result {}

    /** Too many failures from this address; try again after {@code retryAfter}. */
    record Throttled(Duration retryAfter) implements Result {}
  }

  private final UserStore users;
  private final CredentialCache cache;
  private final LoginThrottle throttle;
  private final Counter invalid;
  private final Counter malformed;
  private final Counter throttled;

  public BasicAuthenticator(
      UserStore users, CredentialCache cache, LoginThrottle throttle, MeterRegistry registry) {
    this.users = users;
    this.cache = cache;
    this.throttle = throttle;
    this.invalid = failures(registry, "invalid");
    this.malformed = failures(registry, "malformed");
    this.throttled = failures(registry, "throttled");
  }

  private static Counter failures(MeterRegistry registry, String reason) {
    return Counter.builder(WebMeters.AUTH_FAILURES)
        .description("Failed HTTP logins")
        .tag("reason", reason)
        .register(registry);
  }

  /**
   * Checks one request's credentials.
   *
   * @param header the {@code Authorization} header value, or null
   * @param remoteAddress the peer's address, for throttling
   */
  public Result authenticate(String header, String remoteAddress) {
    if (header == null || header.isEmpty()) {
      return new Result.Missing();
    }
    Optional<Duration> wait = throttle.retryAfter(remoteAddress);
    if (wait.isPresent()) {
      throttled.increment();
      return new Result.Throttled(wait.get());
    }
    Optional<String> cached = cache.lookup(header);
    if (cached.isPresent()) {
      return new Result.Authenticated(cached.get());
    }
    Optional<BasicCredentials> credentials = BasicCredentials.parse(header);
    if (credentials.isEmpty()) {
      malformed.increment();
      throttle.failed(remoteAddress);
      return new Result.Rejected("malformed Authorization header; expected Basic credentials");
    }
    BasicCredentials c = credentials.get();
    Optional<String> user = users.authenticate(c.user(), c.password().toCharArray());
    if (user.isEmpty()) {
      invalid.increment();
      throttle.failed(remoteAddress);
      return new Result.Rejected("wrong user name or password");
    }
    throttle.succeeded(remoteAddress);
    cache.remember(header, user.get());
    return new Result.Authenticated(user.get());
  }
}
