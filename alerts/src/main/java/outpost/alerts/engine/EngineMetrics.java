package outpost.alerts.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import outpost.alerts.check.Status;

/**
 * The engine's meters, bound in one place. Tag values come from fixed sets: check kinds as the
 * factory knows them (anything else is {@code other}) and the statuses.
 */
final class EngineMetrics {
  /** Time a check run took, tagged {@code kind}. */
  static final String CHECK_RUN = "outpost.alerts.checks.run";

  /** Checks by status now, tagged {@code status} (ok, warning, critical, unknown, pending). */
  static final String CHECK_STATE = "outpost.alerts.checks.state";

  /** How late runs started after they were due. */
  static final String SCHEDULER_LATE = "outpost.alerts.scheduler.late";

  static final Set<String> KINDS =
      Set.of(
          "http", "https", "tcp", "ping", "plugin", "log", "freshness", "passive", "self", "peer");

  private final MeterRegistry registry;
  private final Map<String, Timer> runs = new ConcurrentHashMap<>();
  private final Timer late;

  EngineMetrics(MeterRegistry registry, CheckRegistry checks) {
    this.registry = registry;
    this.late =
        Timer.builder(SCHEDULER_LATE)
            .description("delay between a check being due and its run starting")
            .register(registry);
    for (Status s : Status.values()) {
      gauge(checks, s.name().toLowerCase(Locale.ROOT), s);
    }
    gauge(checks, "pending", null);
  }

  private void gauge(CheckRegistry checks, String tag, Status status) {
    Gauge.builder(CHECK_STATE, checks, c -> count(c, status))
        .tag("status", tag)
        .description("checks in this status")
        .register(registry);
  }

  private static double count(CheckRegistry checks, Status status) {
    long n = 0;
    for (ScheduledCheck c : checks.all()) {
      var s = c.state();
      boolean pending = s.lastCheck() == null;
      if (status == null ? pending : !pending && s.status() == status) {
        n++;
      }
    }
    return n;
  }

  void ran(String kind, Duration took) {
    String tag = KINDS.contains(kind) ? kind : "other";
    runs.computeIfAbsent(
            tag,
            k ->
                Timer.builder(CHECK_RUN)
                    .tag("kind", k)
                    .description("time one check run took")
                    .register(registry))
        .record(took);
  }

  void late(Duration d) {
    late.record(d.isNegative() ? Duration.ZERO : d);
  }
}
