package outpost.alerts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.alerts.CheckView;
import outpost.alerts.PassiveResult;
import outpost.alerts.check.PerfValue;
import outpost.alerts.check.Status;
import outpost.alerts.state.StateType;

class PassiveTest {
  static final String FILE = "defaults: {max_check_attempts: 2, self_checks: false}\n";

  @TempDir Path dir;

  @Test
  void postedResultCreatesThePassiveCheckAndAppliesAtOnce() throws Exception {
    try (var f = new EngineFixture(dir, FILE)) {
      f.engine.submitPassive(
          new PassiveResult("web-9", "backup", Status.CRITICAL, "backup failed|age=3600s;;7200"));
      CheckView v = f.view("web-9", "backup");
      assertThat(v.kind()).isEqualTo("passive");
      assertThat(v.status()).isEqualTo(Status.CRITICAL);
      assertThat(v.stateType()).isEqualTo(StateType.SOFT);
      assertThat(v.output()).isEqualTo("backup failed");
      assertThat(v.perfData()).extracting(PerfValue::label).containsExactly("age");

      f.clock.advance(Duration.ofSeconds(10));
      f.engine.submitPassive(
          new PassiveResult("web-9", "backup", Status.CRITICAL, "still failing"));
      assertThat(f.view("web-9", "backup").stateType()).isEqualTo(StateType.HARD);
      // the scheduled run of a fresh passive check does not count the same result again
      f.cycle(Duration.ofMinutes(1), 1);
      assertThat(f.view("web-9", "backup").output()).isEqualTo("still failing");
      assertThat(f.engine.check(v.id()).orElseThrow().perf()).hasSize(1);
    }
  }

  @Test
  void stalePassiveResultBecomesUnknown() throws Exception {
    try (var f = new EngineFixture(dir, FILE)) {
      f.engine.submitPassive(new PassiveResult("web-9", "backup", Status.OK, "backup done"));
      f.cycle(Duration.ofMinutes(1), 4);
      CheckView v = f.view("web-9", "backup");
      assertThat(v.status()).isEqualTo(Status.UNKNOWN);
      assertThat(v.output()).startsWith("no passive result for");
    }
  }

  @Test
  void invalidResultsAreRefusedWithTheLimit() throws Exception {
    try (var f = new EngineFixture(dir, FILE)) {
      assertThatThrownBy(() -> f.engine.submitPassive(new PassiveResult(" ", "x", Status.OK, "")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("host is blank");
      String huge = "x".repeat(PassiveIntake.MAX_OUTPUT_CHARS + 1);
      assertThatThrownBy(() -> f.engine.submitPassive(new PassiveResult("h", "x", Status.OK, huge)))
          .hasMessage("output of 16385 characters exceeds limit 16384");
      f.log("web-1", "sshd", "hello");
      f.engine.pollHosts();
      assertThatThrownBy(
              () -> f.engine.submitPassive(new PassiveResult("web-1", "", Status.OK, "up")))
          .hasMessageContaining("is a freshness check");
    }
  }

  static Map<String, String> heartbeatFields() {
    String sd = HeartbeatListener.SD;
    String disk = HeartbeatListener.DISK;
    return Map.ofEntries(
        Map.entry(sd + "interval_s", "30"),
        Map.entry(sd + "load1", "0.12"),
        Map.entry(sd + "load5", "0.10"),
        Map.entry(sd + "load15", "0.05"),
        Map.entry(sd + "mem_total_kb", "1000000"),
        Map.entry(sd + "mem_available_kb", "570000"),
        Map.entry(sd + "lines_sent", "1200"),
        Map.entry(sd + "lines_spooled", "0"),
        Map.entry(sd + "lines_dropped", "3"),
        Map.entry(sd + "lines_rejected", "1"),
        Map.entry(disk + "mount", "/, /var"),
        Map.entry(disk + "used_pct", "41, 12"));
  }

  @Test
  void agentHeartbeatsFromTheLiveTailBecomeAPassiveCheck() throws Exception {
    try (var f = new EngineFixture(dir, FILE)) {
      f.engine.start();
      f.log("node-1", "outpost-agent", "HEARTBEAT", "heartbeat", heartbeatFields());
      await()
          .atMost(10, TimeUnit.SECONDS)
          .untilAsserted(() -> assertThat(f.names()).contains("node-1/heartbeat"));
      CheckView v = f.view("node-1", "heartbeat");
      assertThat(v.status()).isEqualTo(Status.OK);
      assertThat(v.output()).isEqualTo("load 0.12 0.10 0.05, mem 43% used, disk / 41%, /var 12%");
      assertThat(v.perfData())
          .extracting(PerfValue::label)
          .containsExactly(
              "load1",
              "load5",
              "load15",
              "mem_used",
              "/",
              "/var",
              "lines_sent",
              "lines_spooled",
              "lines_dropped",
              "lines_rejected");
      assertThat(f.engine.check(v.id()).orElseThrow().definition())
          .containsEntry("stale_after", "90s");
    }
  }

  @Test
  void missingHeartbeatsGoStaleAfterThreeIntervals() throws Exception {
    try (var f = new EngineFixture(dir, FILE)) {
      f.engine
          .heartbeats()
          .handle(
              new outpost.index.LogEvent(
                  f.clock.instant(),
                  f.clock.instant(),
                  "node-2",
                  "outpost-agent",
                  "",
                  "HEARTBEAT",
                  1,
                  6,
                  "heartbeat",
                  "",
                  heartbeatFields(),
                  "tcp",
                  ""));
      assertThat(f.view("node-2", "heartbeat").status()).isEqualTo(Status.OK);
      f.cycle(Duration.ofSeconds(30), 8);
      assertThat(f.view("node-2", "heartbeat").status()).isEqualTo(Status.UNKNOWN);
    }
  }
}
