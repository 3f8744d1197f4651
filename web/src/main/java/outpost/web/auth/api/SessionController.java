package outpost.web.auth.api;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.Locale;
import java.util.Optional;
import outpost.web.auth.AuthResult;
import outpost.web.auth.PasswordLogin;
import outpost.web.auth.Session;
import outpost.web.auth.SessionStore;
import outpost.web.auth.User;
import outpost.web.auth.UserStore;
import outpost.web.auth.api.AuthJson.LoginRequest;
import outpost.web.auth.api.AuthJson.SessionResponse;
import outpost.web.http.AccessFilter;
import outpost.web.http.AuthenticationRequired;
import outpost.web.http.JsonBody;
import outpost.web.http.SessionCookie;
import outpost.web.http.TooManyAttempts;

/**
 * {@code POST/GET/DELETE /api/session}: the browser UI's login. A login always starts a new session
 * (and ends the one the request carried), so a session id planted before login is worthless.
 * Thread-safe.
 */
final class SessionController {
  /** Longer user names are refused before any lookup. */
  static final int MAX_USERNAME_CHARS = 256;

  private final PasswordLogin login;
  private final SessionStore sessions;
  private final UserStore users;
  private final SessionCookie cookie;

  SessionController(
      PasswordLogin login, SessionStore sessions, UserStore users, SessionCookie cookie) {
    this.login = login;
    this.sessions = sessions;
    this.users = users;
    this.cookie = cookie;
  }

  /** {@code POST /api/session}. */
  void create(Context ctx) {
    String type = ctx.contentType();
    // A cross-site form cannot send application/json without a CORS preflight (login CSRF).
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new HttpResponseException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(), "Content-Type must be application/json");
    }
    LoginRequest body = JsonBody.read(ctx, LoginRequest.class);
    String username = JsonBody.required(body.username(), "username");
    String password = JsonBody.required(body.password(), "password");
    if (username.length() > MAX_USERNAME_CHARS) {
      throw new AuthenticationRequired("wrong user name or password");
    }
    switch (login.login(username, password.toCharArray(), ctx.ip())) {
      case AuthResult.Authenticated a -> start(ctx, a.user());
      case AuthResult.Throttled t -> throw new TooManyAttempts(t.retryAfter());
      case AuthResult.Rejected r -> throw new AuthenticationRequired(r.reason());
      case AuthResult.Missing m -> throw new AuthenticationRequired("login required");
    }
  }

  private void start(Context ctx, User user) {
    sessions.remove(SessionCookie.read(ctx));
    Session session = sessions.create(user.name());
    cookie.set(ctx, session.id());
    ctx.json(new SessionResponse(user.name(), user.role(), session.csrf()));
  }

  /** {@code GET /api/session}: the current session, or 401. */
  void current(Context ctx) {
    Optional<Session> session = sessions.use(SessionCookie.read(ctx));
    Optional<User> user = session.flatMap(s -> users.find(s.user()));
    if (user.isEmpty()) {
      throw new AuthenticationRequired("no session");
    }
    ctx.json(new SessionResponse(user.get().name(), user.get().role(), session.get().csrf()));
  }

  /** {@code DELETE /api/session}: ends the session (CSRF checked by the access filter). */
  void delete(Context ctx) {
    Session session = ctx.attribute(AccessFilter.SESSION_ATTRIBUTE);
    if (session != null) {
      sessions.remove(session.id());
    }
    cookie.clear(ctx);
    ctx.status(HttpStatus.NO_CONTENT);
  }
}
