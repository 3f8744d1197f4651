package outpost.web.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;

/**
 * Sets defensive headers on every response, before any handler runs, so errors carry them too. The
 * default content security policy allows nothing, right for JSON and metrics; a page handler
 * replaces it with {@link #PAGE_CONTENT_SECURITY_POLICY} through {@link #allowPage(Context)} (its
 * own scripts, styles and fetches, nothing inline, nothing foreign). {@code no-store} because
 * responses are live data, some of it behind a login; static assets may override it. Under TLS
 * every response also carries {@code Strict-Transport-Security}. Immutable.
 */
public final class SecurityHeaders implements Handler {
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  /** The policy for HTML pages (web/API.md, Pages). */
  public static final String PAGE_CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
          + " form-action 'self'";

  /** One year; browsers then refuse plain HTTP to this host (RFC 6797). */
  public static final String HSTS = "max-age=31536000";

  private final boolean tls;

  /**
   * @param tls whether the server runs HTTPS, which adds HSTS
   */
  public SecurityHeaders(boolean tls) {
    this.tls = tls;
  }

  /** Headers for a plain-HTTP server. */
  public SecurityHeaders() {
    this(false);
  }

  @Override
  public void handle(Context ctx) {
    ctx.header(Header.X_CONTENT_TYPE_OPTIONS, "nosniff");
    ctx.header(Header.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
    ctx.header(Header.X_FRAME_OPTIONS, "DENY");
    ctx.header(Header.REFERRER_POLICY, "no-referrer");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    ctx.header(Header.CACHE_CONTROL, "no-store");
    if (tls) {
      ctx.header(Header.STRICT_TRANSPORT_SECURITY, HSTS);
    }
  }

  /** Replaces the response's policy with the page policy; call from a page handler. */
  public static void allowPage(Context ctx) {
    ctx.header(Header.CONTENT_SECURITY_POLICY, PAGE_CONTENT_SECURITY_POLICY);
  }
}
