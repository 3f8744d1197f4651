package outpost.web.http;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;

/**
 * Writes and clears the session cookie {@value #NAME}: HttpOnly (scripts cannot read it),
 * SameSite=Strict (no cross-site request carries it), Path=/, and Secure when the server runs TLS.
 * Immutable.
 */
public final class SessionCookie {
  public static final String NAME = "outpost_session";

  private final boolean secure;
  private final int maxAgeSeconds;

  /**
   * @param secure whether to mark the cookie Secure (the server runs TLS)
   * @param maxAge how long the browser keeps it; the server's own expiry is what counts
   */
  public SessionCookie(boolean secure, Duration maxAge) {
    this.secure = secure;
    this.maxAgeSeconds = (int) Math.min(Integer.MAX_VALUE, maxAge.toSeconds());
  }

  /** The session id the request carries, or null. */
  public static String read(Context ctx) {
    return ctx.cookie(NAME);
  }

  /** Sets the cookie to {@code sessionId}. */
  public void set(Context ctx, String sessionId) {
    ctx.cookie(cookie(sessionId, maxAgeSeconds));
  }

  /** Tells the browser to drop the cookie. */
  public void clear(Context ctx) {
    ctx.cookie(cookie("", 0));
  }

  private Cookie cookie(String value, int maxAge) {
    return new Cookie(NAME, value, "/", maxAge, secure, true, null, SameSite.STRICT);
  }
}
