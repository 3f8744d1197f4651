package outpost.web.api;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code GET /metrics}: the registry in Prometheus text format 0.0.4, or OpenMetrics 1.0 when the
 * scraper's {@code Accept} header asks for it. Thread-safe.
 */
public final class MetricsController {
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  public static final String OPENMETRICS_TEXT =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  public MetricsController(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  public void metrics(Context ctx) {
    String accept = ctx.header(Header.ACCEPT);
    String type =
        accept != null && accept.contains("application/openmetrics-text")
            ? OPENMETRICS_TEXT
            : PROMETHEUS_TEXT;
    ctx.contentType(type).result(registry.scrape(type));
  }
}
