package outpost.alerts.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.LogEvent;
import outpost.index.LuceneLogStore;
import outpost.index.SearchRequest;
import outpost.index.StoreConfig;

/** The log and freshness kinds against a real embedded store in a temp directory. */
class LogCheckTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  @TempDir Path dir;
  final AtomicReference<Instant> now = new AtomicReference<>(NOW);
  final InstantSource clock = now::get;
  LuceneLogStore store;
  CheckFactory factory;
  final CheckTarget web2 = new CheckTarget("web-2", "10.0.0.12");

  @BeforeEach
  void open() throws Exception {
    store = LuceneLogStore.open(StoreConfig.defaults(dir), clock, new SimpleMeterRegistry());
    factory =
        new CheckFactory(
            new CheckEnvironment(
                store, store.hosts(), (h, s) -> Optional.empty(), () -> null, clock));
    List<LogEvent> batch = new ArrayList<>();
    add(batch, 73, "web-2", "apache", NOW.minusSeconds(60), 500);
    add(batch, 200, "web-2", "apache", NOW.minusSeconds(30), 200);
    add(batch, 10, "web-3", "apache", NOW.minusSeconds(30), 503);
    add(batch, 40, "web-2", "apache", NOW.minus(Duration.ofMinutes(10)), 500); // outside 5m
    add(batch, 5, "web-2", "cron", NOW.minusSeconds(10), 0);
    store.tryAppend(batch).join();
    await()
        .atMost(10, TimeUnit.SECONDS)
        .untilAsserted(
            () ->
                assertThat(
                        store
                            .search(
                                new SearchRequest(
                                    "", NOW.minus(Duration.ofHours(1)), NOW.plusSeconds(1), 1, ""))
                            .total())
                    .isEqualTo(328));
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  static void add(List<LogEvent> batch, int n, String host, String app, Instant ts, int status) {
    for (int i = 0; i < n; i++) {
      Map<String, String> fields =
          status == 0 ? Map.of() : Map.of("status", Integer.toString(status));
      String msg = status == 0 ? "job done" : "GET /x HTTP/1.1 " + status;
      String raw = "<14>1 " + ts + " " + host + " " + app + " - - - " + msg;
      // received now by Outpost's clock; the senders stamped them earlier
      batch.add(new LogEvent(ts, NOW, host, app, "", "", 1, 6, msg, raw, fields, "tcp", ""));
    }
  }

  CheckResult run(String kind, Map<String, String> params, CheckTarget target) throws Exception {
    return factory.create(kind, params, target).run();
  }

  @Test
  void countsMatchesOfTheHostInTheWindowAgainstRanges() throws Exception {
    CheckResult r =
        run("log", Map.of("query", "status:[500 TO 599]", "warning", "20", "critical", "50"), web2);
    assertThat(r.status()).isEqualTo(Status.CRITICAL);
    assertThat(r.output()).isEqualTo("LOG CRITICAL: 73 matches for status:[500 TO 599] in 5m");
    assertThat(PerfDataParser.format(r.perfData())).isEqualTo("matches=73;20;50;0");
    CheckResult wider =
        run(
            "log",
            Map.of("query", "status:[500 TO 599]", "critical", "100", "window", "15m"),
            web2);
    assertThat(wider.output())
        .isEqualTo("LOG CRITICAL: 113 matches for status:[500 TO 599] in 15m");
    CheckResult quiet = run("log", Map.of("query", "status:404", "critical", "0"), web2);
    assertThat(quiet.status()).isEqualTo(Status.OK);
    assertThat(quiet.output()).isEqualTo("LOG OK: 0 matches for status:404 in 5m");
  }

  @Test
  void outpostTargetOrUnscopedCountsTheWholeFleet() throws Exception {
    Map<String, String> p = Map.of("query", "status:[500 TO 599]", "warning", "80");
    assertThat(run("log", p, CheckTarget.outpost("outpost")).output())
        .startsWith("LOG WARNING: 83 matches");
    Map<String, String> unscoped =
        Map.of("query", "status:[500 TO 599]", "warning", "80", "host_scoped", "false");
    assertThat(run("log", unscoped, web2).output()).startsWith("LOG WARNING: 83 matches");
  }

  @Test
  void ratioOfTwoQueriesInPercent() throws Exception {
    CheckResult r =
        run(
            "log",
            Map.of(
                "query",
                "status:[500 TO 599]",
                "ratio_of",
                "app:apache",
                "warning",
                "5",
                "critical",
                "25"),
            web2);
    assertThat(r.status()).isEqualTo(Status.CRITICAL);
    assertThat(r.output())
        .isEqualTo("LOG CRITICAL: 26.74% (73 of 273) status:[500 TO 599] of app:apache in 5m");
    assertThat(PerfDataParser.format(r.perfData()))
        .isEqualTo("ratio=26.74%;5;25;0;100 matches=73;;;0 total=273;;;0");
    CheckResult idle =
        run(
            "log",
            Map.of("query", "status:[500 TO 599]", "ratio_of", "app:apache", "critical", "25"),
            new CheckTarget("web-9", null));
    assertThat(idle.status()).isEqualTo(Status.OK);
    assertThat(idle.output()).isEqualTo("LOG OK: no traffic for app:apache in 5m");
    CheckResult few =
        run(
            "log",
            Map.of(
                "query",
                "status:[500 TO 599]",
                "ratio_of",
                "app:apache",
                "critical",
                "25",
                "min_total",
                "1000"),
            web2);
    assertThat(few.status()).isEqualTo(Status.OK);
    assertThat(few.output())
        .isEqualTo("LOG OK: only 273 events, below min_total 1000 for app:apache in 5m");
  }

  @Test
  void freshnessUsesTheReceiveClock() throws Exception {
    assertThat(run("freshness", Map.of(), web2).status()).isEqualTo(Status.OK);
    now.set(NOW.plus(Duration.ofMinutes(23)));
    CheckResult r = run("freshness", Map.of(), web2);
    assertThat(r.status()).isEqualTo(Status.CRITICAL);
    assertThat(r.output()).isEqualTo("no message for 23m (last 12:00:00Z)");
    assertThat(run("freshness", Map.of("max_silence", "30m"), web2).status()).isEqualTo(Status.OK);
  }

  @Test
  void retiredHostIsOkAndUnknownHostIsUnknown() throws Exception {
    assertThat(store.hosts().retire("web-3")).isTrue();
    now.set(NOW.plus(Duration.ofHours(2)));
    CheckResult retired = run("freshness", Map.of(), new CheckTarget("web-3", null));
    assertThat(retired.status()).isEqualTo(Status.OK);
    assertThat(retired.output()).isEqualTo("retired at 12:00:00Z");
    CheckResult unknown = run("freshness", Map.of(), new CheckTarget("web-9", null));
    assertThat(unknown.status()).isEqualTo(Status.UNKNOWN);
    assertThat(unknown.output()).isEqualTo("host web-9 has never logged");
  }

  @Test
  void appMustHaveLoggedOnTheHostWithinTheWindow() throws Exception {
    CheckResult fresh = run("freshness", Map.of("app", "cron", "max_silence", "1m"), web2);
    assertThat(fresh.status()).isEqualTo(Status.OK);
    assertThat(fresh.output()).isEqualTo("5 messages from cron in 1m");
    now.set(NOW.plus(Duration.ofMinutes(5)));
    CheckResult stale = run("freshness", Map.of("app", "cron", "max_silence", "1m"), web2);
    assertThat(stale.status()).isEqualTo(Status.CRITICAL);
    assertThat(stale.output()).isEqualTo("no message from cron for 1m (last 11:59:50Z)");
    CheckResult other = run("freshness", Map.of("app", "cron"), new CheckTarget("web-3", null));
    assertThat(other.output()).isEqualTo("no message from cron for 10m (none in 24h)");
  }
}
