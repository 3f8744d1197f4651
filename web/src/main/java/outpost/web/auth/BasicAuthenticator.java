package outpost.web.auth;

import java.util.Optional;

/**
 * Decides whether an HTTP Basic {@code Authorization} header names a user of the {@link UserStore}:
 * first the {@link CredentialCache} (a recent success skips the password hash, but the user's
 * current role is looked up each time), else a full {@link PasswordLogin} with its throttles.
 * Failed attempts are counted by reason. Free of HTTP framework types.
 *
 * <p>Thread-safe.
 */
public final class BasicAuthenticator {
  private final PasswordLogin login;
  private final CredentialCache cache;

  public BasicAuthenticator(PasswordLogin login, CredentialCache cache) {
    this.login = login;
    this.cache = cache;
  }

  /**
   * Checks one request's credentials.
   *
   * @param header the {@code Authorization} header value, or null
   * @param remoteAddress the peer's address, for throttling
   */
  public AuthResult authenticate(String header, String remoteAddress) {
    if (header == null || header.isEmpty()) {
      return new AuthResult.Missing();
    }
    Optional<User> cached = cache.lookup(header).flatMap(login.users()::find);
    if (cached.isPresent()) {
      return new AuthResult.Authenticated(cached.get());
    }
    Optional<BasicCredentials> credentials = BasicCredentials.parse(header);
    if (credentials.isEmpty()) {
      var wait = login.retryAfter(remoteAddress, null);
      if (wait.isPresent()) {
        return new AuthResult.Throttled(wait.get());
      }
      login.malformed(remoteAddress);
      return new AuthResult.Rejected("malformed Authorization header; expected Basic credentials");
    }
    BasicCredentials c = credentials.get();
    AuthResult result = login.login(c.user(), c.password().toCharArray(), remoteAddress);
    if (result instanceof AuthResult.Authenticated a) {
      cache.remember(header, a.user().name());
    }
    return result;
  }

  /** Forgets cached successes, e.g. after a password change or a deleted user. */
  public void forgetCached() {
    cache.clear();
  }
}
