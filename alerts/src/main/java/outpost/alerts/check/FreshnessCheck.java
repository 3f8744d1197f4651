package outpost.alerts.check;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import outpost.index.HostDirectory;
import outpost.index.HostInfo;
import outpost.index.LogSearch;
import outpost.index.SearchRequest;
import outpost.index.StoredEvent;

/**
 * The {@code freshness} kind: CRITICAL when the host has not logged for {@code max_silence}, by
 * Outpost's receive clock ({@link HostInfo#lastSeen()}), so a sender with a wrong clock is judged
 * fairly. A retired host (scaled in on purpose) is OK; a host that never logged is UNKNOWN. With
 * {@code app}, that app must have logged on the host within the window (counted in the store).
 * Thread-safe: immutable.
 */
final class FreshnessCheck implements Check {
  static final Set<String> PARAMS = Set.of("max_silence", "app");

  private final HostDirectory hosts;
  private final LogSearch search;
  private final InstantSource clock;
  private final String host;
  private final Duration maxSilence;
  private final String app;

  FreshnessCheck(Params p, CheckEnvironment env) {
    this.hosts = env.hosts();
    this.search = env.search();
    this.clock = env.clock();
    this.host = p.target().host();
    this.maxSilence = p.duration("max_silence", Duration.ofMinutes(10));
    this.app = p.string("app").map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
  }

  @Override
  public String kind() {
    return "freshness";
  }

  @Override
  public CheckResult run() {
    long start = System.nanoTime();
    Instant now = clock.instant();
    Optional<HostInfo> info = hosts.host(host);
    if (info.isEmpty()) {
      return Results.result(clock, start, Status.UNKNOWN, "host " + host + " has never logged");
    }
    HostInfo h = info.get();
    if (h.retired()) {
      return Results.result(clock, start, Status.OK, "retired at " + time(h.retiredAt()));
    }
    if (app != null) {
      return app(start, now);
    }
    Duration silence = Duration.between(h.lastSeen(), now);
    PerfValue perf =
        new PerfValue(
            "silence",
            Math.max(0, silence.toSeconds()),
            "s",
            "",
            Long.toString(maxSilence.toSeconds()),
            0.0,
            null);
    if (silence.compareTo(maxSilence) > 0) {
      return Results.result(
          clock,
          start,
          Status.CRITICAL,
          "no message for "
              + Durations.format(silence.truncatedTo(ChronoUnit.SECONDS))
              + " (last "
              + time(h.lastSeen())
              + ")",
          "",
          List.of(perf));
    }
    return Results.result(
        clock,
        start,
        Status.OK,
        "last message "
            + Durations.format(
                silence.isNegative() ? Duration.ZERO : silence.truncatedTo(ChronoUnit.SECONDS))
            + " ago ("
            + time(h.lastSeen())
            + ")",
        "",
        List.of(perf));
  }

  private CheckResult app(long start, Instant now) {
    String q =
        LogCheck.scope("app:\"" + app.replace("\\", "\\\\").replace("\"", "\\\"") + "\"", host);
    try {
      long n =
          search
              .search(new SearchRequest(q, now.minus(maxSilence), now.plusMillis(1), 1, ""))
              .total();
      PerfValue perf = new PerfValue("messages", n, "", "", "", 0.0, null);
      if (n > 0) {
        return Results.result(
            clock,
            start,
            Status.OK,
            n + " messages from " + app + " in " + Durations.format(maxSilence),
            "",
            List.of(perf));
      }
      List<StoredEvent> last =
          search
              .search(new SearchRequest(q, now.minus(Duration.ofDays(1)), now.plusMillis(1), 1, ""))
              .hits();
      String when =
          last.isEmpty() ? "none in 24h" : "last " + time(last.getFirst().event().timestamp());
      return Results.result(
          clock,
          start,
          Status.CRITICAL,
          "no message from " + app + " for " + Durations.format(maxSilence) + " (" + when + ")",
          "",
          List.of(perf));
    } catch (RuntimeException e) {
      return Results.result(
          clock, start, Status.UNKNOWN, "log search failed: " + Results.message(e));
    }
  }

  /** {@code 14:02:11Z} today, the full instant otherwise. */
  private String time(Instant t) {
    Instant now = clock.instant();
    Instant second = t.truncatedTo(ChronoUnit.SECONDS);
    if (Duration.between(second, now).abs().compareTo(Duration.ofHours(20)) < 0) {
      return second.toString().substring(11);
    }
    return second.toString();
  }
}
