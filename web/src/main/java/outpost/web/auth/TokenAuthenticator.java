package outpost.web.auth;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether a bearer token is a live API token of an existing user, behind the per-address
 * {@link LoginThrottle} that password logins share. The request then acts as the token's owner with
 * the owner's current role. Thread-safe.
 */
public final class TokenAuthenticator {
  private final TokenStore tokens;
  private final UserStore users;
  private final LoginThrottle byAddress;
  private final AuthFailures failures;

  public TokenAuthenticator(
      TokenStore tokens, UserStore users, LoginThrottle byAddress, MeterRegistry registry) {
    this.tokens = tokens;
    this.users = users;
    this.byAddress = byAddress;
    this.failures = new AuthFailures(registry);
  }

  /** Checks {@code secret} (the text after {@code Bearer }) from {@code remoteAddress}. */
  public AuthResult authenticate(String secret, String remoteAddress) {
    Optional<Duration> wait = byAddress.retryAfter(remoteAddress);
    if (wait.isPresent()) {
      failures.throttled.increment();
      return new AuthResult.Throttled(wait.get());
    }
    Optional<User> owner = tokens.authenticate(secret).flatMap(t -> users.find(t.owner()));
    if (owner.isEmpty()) {
      failures.invalid.increment();
      byAddress.failed(remoteAddress);
      return new AuthResult.Rejected("unknown or revoked API token");
    }
    return new AuthResult.Authenticated(owner.get());
  }
}
