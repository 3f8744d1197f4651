package outpost.alerts.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The passive and self kinds with an injected clock, posted results and vital signs. */
class PassiveAndSelfCheckTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  final AtomicReference<Instant> now = new AtomicReference<>(NOW);
  final InstantSource clock = now::get;
  final Map<String, CheckResult> posted = new ConcurrentHashMap<>();
  final AtomicReference<SelfStatus> self =
      new AtomicReference<>(new SelfStatus(100, 0, 0, 50, 100, 0));
  final TestEnv.Hosts hosts = new TestEnv.Hosts();
  final CheckFactory factory =
      new CheckFactory(
          TestEnv.env(
              hosts, (h, s) -> Optional.ofNullable(posted.get(h + "/" + s)), self::get, clock));
  final CheckTarget web = new CheckTarget("web-2", null);
  final CheckTarget outpost = CheckTarget.outpost("outpost");

  CheckResult post(Status status, String output, Instant at) {
    PluginOutput out = PluginOutput.parse(output);
    CheckResult r = new CheckResult(status, out.output(), "", out.perfData(), at, Duration.ZERO);
    posted.put("web-2/backup", r);
    return r;
  }

  @Test
  void passiveWaitsThenReportsThenGoesStale() throws Exception {
    Check check = factory.create("passive", Map.of("service", "backup", "stale_after", "5m"), web);
    CheckResult waiting = check.run();
    assertThat(waiting.status()).isEqualTo(Status.UNKNOWN);
    assertThat(waiting.output()).isEqualTo("waiting for the first passive result");
    CheckResult sent = post(Status.WARNING, "BACKUP WARNING - 1 of 3 failed | failed=1", NOW);
    assertThat(check.run()).isEqualTo(sent);
    now.set(NOW.plus(Duration.ofMinutes(7)));
    CheckResult stale = check.run();
    assertThat(stale.status()).isEqualTo(Status.UNKNOWN);
    assertThat(stale.output()).isEqualTo("no passive result for 7m");
    assertThat(stale.longOutput()).isEqualTo("last: WARNING BACKUP WARNING - 1 of 3 failed");
  }

  @Test
  void staleStatusCanBeCriticalAndDefaultsTo90Seconds() throws Exception {
    post(Status.OK, "fine", NOW);
    Check check =
        factory.create("passive", Map.of("service", "backup", "stale_status", "critical"), web);
    now.set(NOW.plusSeconds(90));
    assertThat(check.run().status()).isEqualTo(Status.OK);
    now.set(NOW.plusSeconds(91));
    CheckResult stale = check.run();
    assertThat(stale.status()).isEqualTo(Status.CRITICAL);
    assertThat(stale.output()).isEqualTo("no passive result for 1m31s");
  }

  @Test
  void ingestStalledWhileSendersAreActiveIsCritical() throws Exception {
    Check check = factory.create("self", Map.of("aspect", "ingest", "max_silence", "5m"), outpost);
    hosts.put("web-2", NOW, null);
    assertThat(check.run().status()).isEqualTo(Status.OK);
    now.set(NOW.plus(Duration.ofMinutes(4)));
    self.set(new SelfStatus(150, 0, 0, 50, 100, 0));
    assertThat(check.run().output())
        .isEqualTo("INGEST OK: 150 messages accepted, last accepted just now");
    now.set(NOW.plus(Duration.ofMinutes(6)));
    assertThat(check.run().output())
        .isEqualTo("INGEST OK: 150 messages accepted, last accepted 2m ago");
    now.set(NOW.plus(Duration.ofMinutes(10)));
    CheckResult stalled = check.run();
    assertThat(stalled.status()).isEqualTo(Status.CRITICAL);
    assertThat(stalled.output())
        .isEqualTo("INGEST CRITICAL: no message accepted for 6m while 1 sender is active");
    hosts.put("web-2", NOW, NOW.plus(Duration.ofMinutes(9))); // scaled in on purpose
    CheckResult nobody = check.run();
    assertThat(nobody.status()).isEqualTo(Status.OK);
    assertThat(nobody.output()).isEqualTo("INGEST OK: 150 messages accepted, no active senders");
  }

  @Test
  void journalBacklogThresholds() throws Exception {
    Check check =
        factory.create(
            "self", Map.of("aspect", "journal", "warning", "1000", "critical", "5000"), outpost);
    self.set(new SelfStatus(0, 10, 1024, 50, 100, 0));
    assertThat(check.run().status()).isEqualTo(Status.OK);
    self.set(new SelfStatus(0, 2000, 1024, 50, 100, 0));
    CheckResult warn = check.run();
    assertThat(warn.status()).isEqualTo(Status.WARNING);
    assertThat(warn.output())
        .isEqualTo(
            "JOURNAL WARNING: 2000 events not yet searchable, 1024 journal bytes not yet committed");
    self.set(new SelfStatus(0, 10, 2L << 30, 50, 100, 0)); // 2 GiB beyond the 1 GiB default
    assertThat(check.run().status()).isEqualTo(Status.CRITICAL);
    assertThat(PerfDataParser.format(check.run().perfData()))
        .isEqualTo("index_lag=10;1000;5000;0 journal=2147483648B;268435456;1073741824;0");
  }

  @Test
  void diskFreePercentThresholds() throws Exception {
    Check check = factory.create("self", Map.of("aspect", "disk"), outpost);
    long gib = 1L << 30;
    self.set(new SelfStatus(0, 0, 0, 20 * gib, 100 * gib, 0));
    assertThat(check.run().status()).isEqualTo(Status.OK);
    self.set(new SelfStatus(0, 0, 0, 8 * gib, 100 * gib, 0));
    CheckResult warn = check.run();
    assertThat(warn.status()).isEqualTo(Status.WARNING);
    assertThat(warn.output()).isEqualTo("DISK WARNING: 8.0% free (8192 MiB of 102400 MiB)");
    self.set(new SelfStatus(0, 0, 0, 4 * gib, 100 * gib, 0));
    assertThat(check.run().status()).isEqualTo(Status.CRITICAL);
    Check strict =
        factory.create(
            "self", Map.of("aspect", "disk", "warning", "50%", "critical", "25"), outpost);
    assertThat(strict.run().status()).isEqualTo(Status.CRITICAL);
  }

  @Test
  void notificationFailuresWithinTheWindow() throws Exception {
    Check check =
        factory.create(
            "self", Map.of("aspect", "notifications", "critical", "2", "window", "1h"), outpost);
    self.set(new SelfStatus(0, 0, 0, 50, 100, 4)); // failures before the check started
    assertThat(check.run().status()).isEqualTo(Status.OK);
    now.set(NOW.plus(Duration.ofMinutes(10)));
    self.set(new SelfStatus(0, 0, 0, 50, 100, 5));
    CheckResult one = check.run();
    assertThat(one.status()).isEqualTo(Status.WARNING);
    assertThat(one.output())
        .isEqualTo("NOTIFICATIONS WARNING: 1 failed permanently in the last 1h (5 since start)");
    now.set(NOW.plus(Duration.ofMinutes(20)));
    self.set(new SelfStatus(0, 0, 0, 50, 100, 8));
    assertThat(check.run().status()).isEqualTo(Status.CRITICAL);
    now.set(NOW.plus(Duration.ofHours(3)));
    assertThat(check.run().status()).isEqualTo(Status.OK); // nothing new within the last hour
    assertThat(List.of(check.run().perfData().getFirst().label())).containsExactly("failed");
  }
}
