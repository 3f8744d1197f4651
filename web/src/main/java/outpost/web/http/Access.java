package outpost.web.http;

import io.javalin.security.RouteRole;

/**
 * Who may call a route; every route names one. A route without one needs a login (deny by default).
 */
public enum Access implements RouteRole {
  /** Anyone, without logging in: {@code /health}, and {@code /metrics} unless configured. */
  ANYONE,
  /** A logged-in user. */
  USER
}
