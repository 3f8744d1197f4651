package outpost.web.auth.api;

import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.InstantSource;
import outpost.web.auth.BasicAuthenticator;
import outpost.web.auth.CredentialCache;
import outpost.web.auth.LoginThrottle;
import outpost.web.auth.PasswordLogin;
import outpost.web.auth.SessionStore;
import outpost.web.auth.TokenAuthenticator;
import outpost.web.auth.TokenStore;
import outpost.web.auth.UserStore;
import outpost.web.http.Access;
import outpost.web.http.AccessFilter;
import outpost.web.http.SessionCookie;

/**
 * Builds the login machinery (throttles, credential cache, sessions, API tokens, the {@link
 * AccessFilter}) and registers the session, user and token endpoints of web/API.md. Thread-safe
 * once built; holds no open resources.
 */
public final class AuthRoutes {
  private final AccessFilter accessFilter;
  private final SessionController session;
  private final UsersController users;
  private final TokensController tokens;

  private AuthRoutes(
      AccessFilter accessFilter,
      SessionController session,
      UsersController users,
      TokensController tokens) {
    this.accessFilter = accessFilter;
    this.session = session;
    this.users = users;
    this.tokens = tokens;
  }

  /**
   * @param users who may log in
   * @param tokenStore their API tokens
   * @param tls whether the server runs HTTPS (the session cookie is then Secure)
   */
  public static AuthRoutes create(
      UserStore users,
      TokenStore tokenStore,
      InstantSource clock,
      MeterRegistry registry,
      boolean tls) {
    LoginThrottle byAddress = throttle(clock);
    PasswordLogin login = new PasswordLogin(users, byAddress, throttle(clock), registry);
    BasicAuthenticator basic =
        new BasicAuthenticator(login, new CredentialCache(CredentialCache.DEFAULT_TTL, clock));
    SessionStore sessions = new SessionStore(clock);
    AccessFilter filter =
        new AccessFilter(
            sessions, users, new TokenAuthenticator(tokenStore, users, byAddress, registry), basic);
    SessionCookie cookie = new SessionCookie(tls, SessionStore.DEFAULT_MAX_AGE);
    return new AuthRoutes(
        filter,
        new SessionController(login, sessions, users, cookie),
        new UsersController(users, sessions, tokenStore, basic),
        new TokensController(tokenStore));
  }

  private static LoginThrottle throttle(InstantSource clock) {
    return new LoginThrottle(
        LoginThrottle.DEFAULT_MAX_FAILURES, LoginThrottle.DEFAULT_WINDOW, clock);
  }

  /** The filter to run before every matched route. */
  public AccessFilter accessFilter() {
    return accessFilter;
  }

  /** Registers {@code /api/session}, {@code /api/users} and {@code /api/tokens}. */
  public void register(RoutesConfig routes) {
    routes.post("/api/session", session::create, Access.ANYONE);
    routes.get("/api/session", session::current, Access.ANYONE);
    routes.delete("/api/session", session::delete, Access.USER);
    routes.get("/api/users", users::list, Access.ADMIN);
    routes.post("/api/users", users::create, Access.ADMIN);
    routes.delete("/api/users/{name}", users::delete, Access.ADMIN);
    routes.put("/api/users/{name}/password", users::changePassword, Access.USER);
    routes.get("/api/tokens", tokens::list, Access.USER);
    routes.post("/api/tokens", tokens::create, Access.USER);
    routes.delete("/api/tokens/{id}", tokens::delete, Access.USER);
  }
}
