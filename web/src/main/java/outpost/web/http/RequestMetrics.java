package outpost.web.http;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import outpost.web.WebMeters;

/**
 * Times every HTTP request as {@link WebMeters#HTTP_REQUESTS}, tagged only with values from small
 * fixed sets: {@code method} (the standard methods, else {@code OTHER}), {@code route} (the
 * registered path template, or {@code unmatched}) and {@code status} class ({@code 2xx} ...).
 * Javalin calls it after each request, errors included. Thread-safe.
 */
public final class RequestMetrics implements RequestLogger {
  static final String UNMATCHED = "unmatched";

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final MeterRegistry registry;

  public RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(Context ctx, Float executionTimeMs) {
    String method = ctx.method().name();
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    Timer.builder(WebMeters.HTTP_REQUESTS)
        .description("HTTP requests served")
        .tag("method", METHODS.contains(method) ? method : "OTHER")
        .tag("route", endpoint == null ? UNMATCHED : endpoint.path)
        .tag("status", ctx.statusCode() / 100 + "xx")
        .register(registry)
        .record((long) (executionTimeMs * 1_000_000L), TimeUnit.NANOSECONDS);
  }
}
