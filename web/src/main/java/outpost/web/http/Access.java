package outpost.web.http;

import io.javalin.security.RouteRole;

/**
 * Who may call a route; every route names one. A route without one needs a login (deny by default).
 */
public enum Access implements RouteRole {
  /** Anyone, without logging in: {@code /health}, {@code GET /login}, {@code POST /api/session}. */
  ANYONE,
  /** A logged-in user of any role. */
  USER,
  /** A logged-in user with the {@code admin} role; others get 403. */
  ADMIN
}
