package outpost.alerts.check;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code passive} kind: reports the latest result an agent or the API posted for {@code
 * service} on the host. A result older than {@code stale_after} becomes {@code stale_status}
 * (UNKNOWN unless configured) with {@code no passive result for 5m}; before the first result it is
 * UNKNOWN, waiting. Thread-safe: immutable; the results store is.
 */
final class PassiveCheck implements Check {
  static final Set<String> PARAMS = Set.of("service", "stale_after", "stale_status");

  private final PassiveResults results;
  private final InstantSource clock;
  private final String host;
  private final String service;
  private final Duration staleAfter;
  private final Status staleStatus;

  PassiveCheck(Params p, CheckEnvironment env) {
    this.results = env.passive();
    this.clock = env.clock();
    this.host = p.target().host();
    this.service = p.required("service").strip();
    this.staleAfter = p.duration("stale_after", Duration.ofSeconds(90));
    this.staleStatus =
        Status.valueOf(
            p.choice("stale_status", "unknown", Set.of("unknown", "critical", "warning"))
                .toUpperCase(Locale.ROOT));
  }

  @Override
  public String kind() {
    return "passive";
  }

  @Override
  public CheckResult run() {
    long start = System.nanoTime();
    Optional<CheckResult> latest = results.latest(host, service);
    if (latest.isEmpty()) {
      return Results.result(clock, start, Status.UNKNOWN, "waiting for the first passive result");
    }
    CheckResult r = latest.get();
    Instant now = clock.instant();
    Duration age = Duration.between(r.checkedAt(), now);
    if (age.compareTo(staleAfter) > 0) {
      return Results.result(
          clock,
          start,
          staleStatus,
          "no passive result for " + Durations.format(age.truncatedTo(ChronoUnit.SECONDS)),
          "last: " + r.status() + " " + r.output(),
          r.perfData());
    }
    return r;
  }
}
