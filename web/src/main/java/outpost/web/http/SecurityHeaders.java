package outpost.web.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;

/**
 * Sets defensive headers on every response, before any handler runs, so errors carry them too. The
 * content security policy allows nothing: today every response is JSON or metrics text, never a
 * page. The browser UI will relax it for its own scripts and styles ({@code 'self'}), nothing more.
 * {@code no-store} because every response is live data, some of it behind a login. Stateless.
 */
public final class SecurityHeaders implements Handler {
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  @Override
  public void handle(Context ctx) {
    ctx.header(Header.X_CONTENT_TYPE_OPTIONS, "nosniff");
    ctx.header(Header.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
    ctx.header(Header.X_FRAME_OPTIONS, "DENY");
    ctx.header(Header.REFERRER_POLICY, "no-referrer");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    ctx.header(Header.CACHE_CONTROL, "no-store");
  }
}
