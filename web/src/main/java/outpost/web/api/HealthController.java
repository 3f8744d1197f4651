package outpost.web.api;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.web.ComponentHealth;
import outpost.web.ComponentHealth.Status;
import outpost.web.HealthSource;

/**
 * {@code GET /health}: {@code {"status":"up|degraded|down","components":{"index":{"status":..,
 * "details":{..}},..}}}. The overall status is the worst component's; it is 503 when any component
 * is down, 200 otherwise (degraded still serves). A source that throws counts as down. Thread-safe.
 */
public final class HealthController {
  private static final Logger LOG = LoggerFactory.getLogger(HealthController.class);

  /** JSON body. */
  public record HealthResponse(String status, Map<String, ComponentJson> components) {}

  /** One component in the JSON body. */
  public record ComponentJson(String status, Object details) {}

  private final Map<String, HealthSource> sources;

  /** {@code sources} by component name; reported in name order. */
  public HealthController(Map<String, HealthSource> sources) {
    this.sources = Map.copyOf(sources);
  }

  public void health(Context ctx) {
    Map<String, ComponentJson> components = new TreeMap<>();
    Status worst = Status.UP;
    for (Map.Entry<String, HealthSource> source : new TreeMap<>(sources).entrySet()) {
      ComponentHealth health = check(source.getKey(), source.getValue());
      components.put(source.getKey(), new ComponentJson(name(health.status()), health.details()));
      if (health.status().compareTo(worst) > 0) {
        worst = health.status();
      }
    }
    ctx.status(worst == Status.DOWN ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
        .json(new HealthResponse(name(worst), components));
  }

  private static ComponentHealth check(String name, HealthSource source) {
    try {
      ComponentHealth health = source.health();
      return health != null ? health : ComponentHealth.down(Map.of("error", "no status"));
    } catch (RuntimeException e) {
      LOG.error("health source '{}' failed", name, e);
      return ComponentHealth.down(Map.of("error", "status check failed; see server log"));
    }
  }

  private static String name(Status status) {
    return status.name().toLowerCase(Locale.ROOT);
  }
}
