package outpost.web.http;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import outpost.web.auth.AuthResult;
import outpost.web.auth.BasicAuthenticator;
import outpost.web.auth.Role;
import outpost.web.auth.Session;
import outpost.web.auth.SessionStore;
import outpost.web.auth.TokenAuthenticator;
import outpost.web.auth.User;
import outpost.web.auth.UserStore;

/**
 * Runs before every matched route and enforces its {@link Access}. Routes other than {@link
 * Access#ANYONE} need a login, tried in this order: the session cookie ({@link SessionCookie}; a
 * state-changing method must then carry the session's CSRF token in {@value #CSRF_HEADER}, else
 * 403), {@code Authorization: Bearer} (an API token), {@code Authorization: Basic}. {@link
 * Access#ADMIN} routes refuse other roles with 403.
 *
 * <p>On success the user's name, {@link Role} and, for a session, the {@link Session} become the
 * request attributes {@link #USER_ATTRIBUTE}, {@link #ROLE_ATTRIBUTE} and {@link
 * #SESSION_ATTRIBUTE}. Without a valid login a page ({@code GET}/{@code HEAD} outside {@code /api}
 * and {@code /metrics}) throws {@link LoginRedirect} to {@code /login?next=...}; anything else
 * {@link AuthenticationRequired} (401), or {@link TooManyAttempts} (429) when throttled.
 * Thread-safe.
 */
public final class AccessFilter implements Handler {
  /** Request attribute holding the authenticated user's name (a String). */
  public static final String USER_ATTRIBUTE = "outpost.user";

  /** Request attribute holding the authenticated user's {@link Role}. */
  public static final String ROLE_ATTRIBUTE = "outpost.role";

  /** Request attribute holding the {@link Session} when the request came with one. */
  public static final String SESSION_ATTRIBUTE = "outpost.session";

  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String LOGIN_PAGE = "/login";

  private static final String BEARER = "Bearer ";
  private static final Set<HandlerType> STATE_CHANGING =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

  private final SessionStore sessions;
  private final UserStore users;
  private final TokenAuthenticator tokens;
  private final BasicAuthenticator basic;

  public AccessFilter(
      SessionStore sessions, UserStore users, TokenAuthenticator tokens, BasicAuthenticator basic) {
    this.sessions = sessions;
    this.users = users;
    this.tokens = tokens;
    this.basic = basic;
  }

  @Override
  public void handle(Context ctx) {
    if (ctx.routeRoles().contains(Access.ANYONE)) {
      return;
    }
    User user = authenticate(ctx);
    if (ctx.routeRoles().contains(Access.ADMIN) && !user.isAdmin()) {
      throw new ForbiddenResponse("this needs the admin role; '" + user.name() + "' is a viewer");
    }
    ctx.attribute(USER_ATTRIBUTE, user.name());
    ctx.attribute(ROLE_ATTRIBUTE, user.role());
  }

  private User authenticate(Context ctx) {
    if (STATE_CHANGING.contains(ctx.method()) && crossSite(ctx)) {
      // a browser may replay cached Basic credentials on a forged cross-site request, and those
      // carry no CSRF token: refuse what the browser itself marks as coming from another site
      throw new ForbiddenResponse("cross-site " + ctx.method() + " refused");
    }
    Optional<Session> session = sessions.use(SessionCookie.read(ctx));
    Optional<User> sessionUser = session.flatMap(s -> users.find(s.user()));
    if (sessionUser.isPresent()) {
      if (STATE_CHANGING.contains(ctx.method())
          && !session.get().csrfMatches(ctx.header(CSRF_HEADER))) {
        throw new ForbiddenResponse("missing or wrong " + CSRF_HEADER + " header");
      }
      ctx.attribute(SESSION_ATTRIBUTE, session.get());
      return sessionUser.get();
    }
    String header = ctx.header(Header.AUTHORIZATION);
    AuthResult result =
        header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
            ? tokens.authenticate(header.substring(BEARER.length()).strip(), ctx.ip())
            : basic.authenticate(header, ctx.ip());
    return switch (result) {
      case AuthResult.Authenticated a -> a.user();
      case AuthResult.Missing m -> throw unauthenticated(ctx, "login required");
      case AuthResult.Rejected r -> throw unauthenticated(ctx, r.reason());
      case AuthResult.Throttled t -> throw new TooManyAttempts(t.retryAfter());
    };
  }

  /**
   * True when the browser says the request comes from another origin: {@code Sec-Fetch-Site} other
   * than {@code same-origin} or {@code none} when the browser sends it (it does over HTTPS and to
   * localhost, and it is right behind a proxy that rewrites {@code Host}); otherwise an {@code
   * Origin} whose host and port differ from the request's {@code Host}. Scripts send neither header
   * and are not affected.
   */
  static boolean crossSite(Context ctx) {
    String fetchSite = ctx.header("Sec-Fetch-Site");
    if (fetchSite != null && !fetchSite.isEmpty()) {
      return !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none");
    }
    String origin = ctx.header(Header.ORIGIN);
    if (origin == null || origin.isEmpty()) {
      return false;
    }
    if (origin.equals("null")) {
      return true; // sandboxed frames and some redirects: never our own pages
    }
    try {
      java.net.URI uri = java.net.URI.create(origin);
      String host = ctx.header(Header.HOST);
      if (uri.getHost() == null || host == null) {
        return true;
      }
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
      String originHost = uri.getHost() + ":" + port;
      String requestHost = host.contains(":") ? host : host + ":" + port;
      return !originHost.equalsIgnoreCase(requestHost);
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  private static RuntimeException unauthenticated(Context ctx, String reason) {
    if (isPage(ctx)) {
      String query = ctx.queryString();
      String next = query == null ? ctx.path() : ctx.path() + "?" + query;
      return new LoginRedirect(
          LOGIN_PAGE + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }
    return new AuthenticationRequired(reason);
  }

  /** A browser page: GET or HEAD outside the API and the metrics endpoint. */
  static boolean isPage(Context ctx) {
    String path = ctx.path();
    return (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD)
        && !path.equals("/api")
        && !path.startsWith("/api/")
        && !path.equals("/metrics");
  }

  /** The authenticated user's name; only on routes other than {@link Access#ANYONE}. */
  public static String user(Context ctx) {
    return ctx.attribute(USER_ATTRIBUTE);
  }

  /** True when the authenticated user is an admin. */
  public static boolean isAdmin(Context ctx) {
    return ctx.attribute(ROLE_ATTRIBUTE) == Role.ADMIN;
  }
}
