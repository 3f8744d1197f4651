package outpost.web.ui;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.NotFoundResponse;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import outpost.web.http.Access;
import outpost.web.http.SecurityHeaders;

/**
 * Serves the browser UI: each page's HTML shell (the page's script fetches its data from the JSON
 * API) and the static assets under {@code /ui/VERSION/PATH}. Pages carry {@link
 * SecurityHeaders#PAGE_CONTENT_SECURITY_POLICY}, which replaces the API's stricter policy set by
 * {@code SecurityHeaders}, and are never cached; assets of the current version are cached for a
 * year (their URL changes with their content). Only {@code /login} and the assets are open to
 * anyone. On a node that does not run the alerts, the alert pages are replaced by one that links to
 * the same page on the node that does. Thread-safe.
 */
public final class PageController {
  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  /** URL path to page name. */
  private static final Map<String, String> ROUTES =
      Map.of(
          "/", "overview",
          "/search", "search",
          "/event", "event",
          "/tail", "tail",
          "/hosts", "hosts",
          "/dashboard", "dashboard",
          "/admin", "admin",
          "/checks", "checks",
          "/check", "check",
          "/notifications", "notifications");

  /** The pages of the alerts, which a node that does not run them replaces by {@code elsewhere}. */
  static final Set<String> ALERT_PAGES = Set.of("checks", "check", "notifications");

  private final UiAssets ui;
  private final URI alertsNode;

  /**
   * @param alertsNode the node that runs the alerts when it is not this one, else empty
   */
  public PageController(UiAssets ui, Optional<URI> alertsNode) {
    this.ui = ui;
    this.alertsNode = alertsNode.orElse(null);
  }

  /** Adds the page and asset routes. */
  public void register(RoutesConfig routes) {
    routes.get("/login", ctx -> page(ctx, "login"), Access.ANYONE);
    ROUTES.forEach((path, page) -> routes.get(path, ctx -> page(ctx, page), Access.USER));
    routes.get(UiAssets.URL_PREFIX + "{version}/<path>", this::asset, Access.ANYONE);
  }

  private void page(Context ctx, String name) {
    SecurityHeaders.allowPage(ctx);
    ctx.header(Header.CACHE_CONTROL, "no-store");
    byte[] html = alertsNode != null && ALERT_PAGES.contains(name) ? elsewhere(ctx) : ui.page(name);
    ctx.contentType("text/html; charset=utf-8").result(html);
  }

  /** The {@code elsewhere} page, linking to the same page and query on the alerts node. */
  private byte[] elsewhere(Context ctx) {
    String base = alertsNode.toString().replaceFirst("/+$", "");
    String query = ctx.queryString();
    String link = base + ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
    return ui.page("elsewhere", Map.of("ALERTS_LINK", link, "ALERTS_NODE", base));
  }

  private void asset(Context ctx) {
    UiAssets.Asset asset =
        ui.asset(ctx.pathParam("path"))
            .orElseThrow(() -> new NotFoundResponse("no UI asset " + ctx.pathParam("path")));
    // An old page may ask for an old version: it gets today's file, which must not be pinned.
    boolean current = ui.version().equals(ctx.pathParam("version"));
    ctx.header(Header.CACHE_CONTROL, current ? IMMUTABLE : "no-cache");
    ctx.contentType(asset.contentType()).result(asset.body());
  }
}
