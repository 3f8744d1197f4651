package outpost.web;

/**
 * Names of the meters the web module registers; every tag value comes from a small fixed set.
 * Stateless.
 */
public final class WebMeters {
  /**
   * Timer of HTTP requests; tags {@code method}, {@code route} (template), {@code status} (2xx).
   */
  public static final String HTTP_REQUESTS = "outpost.http.requests";

  /**
   * Counter of failed logins; tag {@code reason}: {@code invalid} (wrong user or password), {@code
   * malformed} (unparseable credentials), {@code throttled} (refused by the rate limit).
   */
  public static final String AUTH_FAILURES = "outpost.http.auth.failures";

  private WebMeters() {}
}
