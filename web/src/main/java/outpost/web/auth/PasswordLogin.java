package outpost.web.auth;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks a user name and password against the {@link UserStore}, behind two {@link LoginThrottle}s:
 * one per remote address (shared with the API token check) and one per user name, so neither one
 * address nor many addresses can keep guessing one user's password. A throttled attempt is refused
 * before any password is hashed. Used by the session login and by HTTP Basic.
 *
 * <p>Thread-safe.
 */
public final class PasswordLogin {
  private final UserStore users;
  private final LoginThrottle byAddress;
  private final LoginThrottle byName;
  private final AuthFailures failures;

  public PasswordLogin(
      UserStore users, LoginThrottle byAddress, LoginThrottle byName, MeterRegistry registry) {
    this.users = users;
    this.byAddress = byAddress;
    this.byName = byName;
    this.failures = new AuthFailures(registry);
  }

  /** Tries {@code name} and {@code password} from {@code remoteAddress}. */
  public AuthResult login(String name, char[] password, String remoteAddress) {
    Optional<Duration> wait = retryAfter(remoteAddress, name);
    if (wait.isPresent()) {
      failures.throttled.increment();
      return new AuthResult.Throttled(wait.get());
    }
    Optional<User> user = users.authenticate(name, password);
    if (user.isEmpty()) {
      failures.invalid.increment();
      byAddress.failed(remoteAddress);
      byName.failed(name);
      return new AuthResult.Rejected("wrong user name or password");
    }
    byAddress.succeeded(remoteAddress);
    byName.succeeded(name);
    return new AuthResult.Authenticated(user.get());
  }

  /** The longer wait of the address and the name; empty when both may try now. */
  Optional<Duration> retryAfter(String remoteAddress, String name) {
    Optional<Duration> a = byAddress.retryAfter(remoteAddress);
    Optional<Duration> n = name == null ? Optional.empty() : byName.retryAfter(name);
    if (a.isPresent() && n.isPresent()) {
      return Optional.of(a.get().compareTo(n.get()) >= 0 ? a.get() : n.get());
    }
    return a.isPresent() ? a : n;
  }

  /** Counts an unreadable credential from {@code remoteAddress} as a failure. */
  void malformed(String remoteAddress) {
    failures.malformed.increment();
    byAddress.failed(remoteAddress);
  }

  UserStore users() {
    return users;
  }
}
