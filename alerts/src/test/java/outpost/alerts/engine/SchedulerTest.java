package outpost.alerts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.alerts.CheckView;
import outpost.alerts.check.Status;

class SchedulerTest {
  @TempDir Path dir;

  @Test
  void firstRunsSpreadOverTheInterval() throws Exception {
    StringBuilder yaml =
        new StringBuilder("defaults: {check_interval: 1m, self_checks: false}\nchecks:\n");
    IntStream.range(0, 100)
        .forEach(
            i ->
                yaml.append("  - {name: c")
                    .append(i)
                    .append(", kind: plugin, command: check_dummy 0}\n"));
    try (var f = new EngineFixture(dir, yaml.toString())) {
      Instant start = f.clock.instant();
      List<CheckView> checks = f.engine.checks();
      assertThat(checks).hasSize(100);
      int[] buckets = new int[10];
      for (CheckView v : checks) {
        long ms = Duration.between(start, v.nextCheck()).toMillis();
        assertThat(ms).isBetween(0L, 59_999L);
        buckets[(int) (ms / 6_000)]++;
      }
      // 100 uniform draws over 10 buckets: an empty bucket has odds of about 1 in 4,000
      assertThat(java.util.Arrays.stream(buckets).boxed().toList()).allMatch(n -> n > 0 && n < 30);
      assertThat(f.engine.runDue()).hasSizeLessThan(10);
    }
  }

  @Test
  void aBlockedCheckDelaysNoOther() throws Exception {
    String yaml =
        """
        defaults: {check_interval: 1m, self_checks: false}
        checks:
          - {name: slow, kind: plugin, command: "/bin/sleep 5", timeout: 10s}
          - {name: quick, kind: plugin, command: "check_dummy 1 'just a warning'"}
        """;
    try (var f = new EngineFixture(dir, yaml)) {
      f.clock.advance(Duration.ofMinutes(1));
      long t0 = System.nanoTime();
      List<Thread> runs = f.engine.runDue();
      assertThat(runs).hasSize(2);
      await()
          .atMost(3, TimeUnit.SECONDS)
          .untilAsserted(
              () -> assertThat(f.view("outpost", "quick").status()).isEqualTo(Status.WARNING));
      assertThat(f.view("outpost", "slow").lastCheck()).isNull();
      // the slow one is still running: it is not started a second time
      f.clock.advance(Duration.ofMinutes(5));
      assertThat(f.engine.runDue())
          .extracting(Thread::getName)
          .doesNotContain("check-" + f.view("outpost", "slow").id());
      for (Thread t : runs) {
        t.join(Duration.ofSeconds(15));
      }
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofSeconds(4));
      assertThat(f.view("outpost", "slow").status()).isEqualTo(Status.OK);
    }
  }

  @Test
  void recheckRunsAtOnceAndMetricsCountRuns() throws Exception {
    String yaml =
        """
        defaults: {check_interval: 1h, self_checks: false}
        checks:
          - {name: once, kind: plugin, command: "check_dummy 0 fine"}
        """;
    try (var f = new EngineFixture(dir, yaml)) {
      long id = f.view("outpost", "once").id();
      assertThat(f.engine.recheck(id)).isTrue();
      assertThat(f.engine.recheck(999_999)).isFalse();
      f.runDue();
      assertThat(f.view("outpost", "once").lastCheck()).isEqualTo(f.clock.instant());
      assertThat(f.meters.get(EngineMetrics.CHECK_RUN).tag("kind", "plugin").timer().count())
          .isEqualTo(1);
      assertThat(f.meters.get(EngineMetrics.CHECK_STATE).tag("status", "ok").gauge().value())
          .isEqualTo(1.0);
      assertThat(f.meters.get(EngineMetrics.SCHEDULER_LATE).timer().count()).isEqualTo(1);
    }
  }
}
