package outpost.web.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import outpost.web.auth.BasicAuthenticator;
import outpost.web.auth.BasicAuthenticator.Result;

/**
 * Runs before every matched route and enforces its {@link Access}: routes other than {@link
 * Access#ANYONE} need valid HTTP Basic credentials (checked by {@link BasicAuthenticator}). On
 * success the user name is stored as the request attribute {@link #USER_ATTRIBUTE}; otherwise it
 * throws {@link AuthenticationRequired} or {@link TooManyAttempts} for the error mapper.
 * Thread-safe.
 *
 * <p>The session login of the browser UI slots in here: check the session cookie first (and the
 * CSRF token on state-changing methods), then fall back to Basic.
 */
public final class AccessFilter implements Handler {
  /** Request attribute holding the authenticated user's name. */
  public static final String USER_ATTRIBUTE = "outpost.user";

  private final BasicAuthenticator basic;

  public AccessFilter(BasicAuthenticator basic) {
    this.basic = basic;
  }

  @Override
  public void handle(Context ctx) {
    if (ctx.routeRoles().contains(Access.ANYONE)) {
      return;
    }
    switch (basic.authenticate(ctx.header(Header.AUTHORIZATION), ctx.ip())) {
      case Result.Authenticated a -> ctx.attribute(USER_ATTRIBUTE, a.user());
      case Result.Missing m -> throw new AuthenticationRequired("login required");
      case Result.Rejected r -> throw new AuthenticationRequired(r.reason());
      case Result.Throttled t -> throw new TooManyAttempts(t.retryAfter());
    }
  }
}
