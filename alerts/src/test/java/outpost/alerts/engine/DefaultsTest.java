package outpost.alerts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.alerts.AckRequest;
import outpost.alerts.DowntimeRequest;
import outpost.alerts.check.Status;
import outpost.alerts.config.AlertConfigException;

class DefaultsTest {
  @TempDir Path dir;

  @Test
  void withoutAChecksFileOutpostWatchesItselfAndEveryLoggingHost() throws Exception {
    try (var f = new EngineFixture(dir, null)) {
      assertThat(f.names())
          .containsExactlyInAnyOrder(
              "outpost/ingest", "outpost/journal", "outpost/disk", "outpost/notifications");
      f.log("node-5", "cron", "tick");
      f.engine.pollHosts();
      assertThat(f.names()).contains("node-5/");
      assertThat(f.view("node-5", "").kind()).isEqualTo("freshness");
      f.cycle(Duration.ofMinutes(1), 2);
      assertThat(f.view("outpost", "disk").status()).isEqualTo(Status.OK);
      assertThat(f.engine.summary().pending()).isZero();
    }
  }

  @Test
  void contactWithABadTimePeriodNamesItsLine() {
    String yaml =
        "contacts:\n  - name: alice\n    phone: \"+15550001111\"\n    period: \"someday 25:00-26:00\"\n";
    assertThatThrownBy(() -> new EngineFixture(dir, yaml))
        .isInstanceOfSatisfying(
            AlertConfigException.class,
            e -> {
              assertThat(e.line()).isEqualTo(4);
              assertThat(e.key()).isEqualTo("contacts[0].period");
            });
  }

  @Test
  void acknowledgementsAndDowntimesAreValidated() throws Exception {
    try (var f = new EngineFixture(dir, HostDiscoveryTest.FILE)) {
      f.log("web-1", "sshd", "hello");
      f.engine.pollHosts();
      long id = f.view("web-1", "http").id();
      assertThat(f.engine.acknowledge(424242, new AckRequest("a", "", false, null))).isFalse();
      assertThatThrownBy(() -> f.engine.acknowledge(id, new AckRequest("a", "", false, null)))
          .isInstanceOf(IllegalStateException.class);
      Instant now = f.clock.instant();
      assertThatThrownBy(
              () ->
                  f.engine.scheduleDowntime(
                      new DowntimeRequest(
                          "nope", "", now, now.plusSeconds(60), true, null, "a", "")))
          .hasMessage("unknown host \"nope\"");
      assertThatThrownBy(
              () ->
                  f.engine.scheduleDowntime(
                      new DowntimeRequest(
                          "web-1", "", now, now.minusSeconds(1), true, null, "a", "")))
          .hasMessageContaining("is not after start");
      var d =
          f.engine.scheduleDowntime(
              new DowntimeRequest(
                  "web-1",
                  "http",
                  now,
                  now.plusSeconds(3600),
                  false,
                  Duration.ofMinutes(30),
                  "a",
                  ""));
      assertThat(f.engine.check(id).orElseThrow().downtimes())
          .extracting(x -> x.id())
          .containsExactly(d.id());
      assertThat(f.engine.cancelDowntime(d.id(), "a")).isTrue();
      assertThat(f.engine.cancelDowntime(d.id(), "a")).isFalse();
      assertThat(f.engine.removeAcknowledgement(id, "a")).isFalse();
    }
  }

  @Test
  void flexibleDowntimeStartsAtTheFirstProblemAndSilencesIt() throws Exception {
    try (var f = new EngineFixture(dir, HostDiscoveryTest.FILE)) {
      f.log("web-6", "sshd", "hello");
      f.engine.pollHosts();
      Instant now = f.clock.instant();
      f.engine.scheduleDowntime(
          new DowntimeRequest(
              "web-6",
              "",
              now,
              now.plusSeconds(3600),
              false,
              Duration.ofHours(2),
              "ops",
              "deploy"));
      f.cycle(Duration.ofSeconds(30), 6);
      assertThat(f.engine.downtimes().getFirst().triggeredAt()).isNotNull();
      assertThat(f.view("web-6", "http").inDowntime()).isTrue();
      assertThat(f.notifier.of(outpost.alerts.state.NotificationType.PROBLEM)).isEmpty();
    }
  }

  @Test
  void publicOpenRunsChecksOnItsOwnLoopAndClosesTwice() throws Exception {
    try (var f = new EngineFixture(dir, null)) {
      f.engine.close();
      f.engine = AlertEngine.open(f.settings(), f.inputs(), f.meters, f.clock);
      f.engine.start();
      assertThatThrownBy(f.engine::start).isInstanceOf(IllegalStateException.class);
      f.clock.advance(Duration.ofMinutes(2));
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(f.engine.summary().pending()).isZero());
      assertThat(
              f.engine.summary().ok()
                  + f.engine.summary().warning()
                  + f.engine.summary().critical()
                  + f.engine.summary().unknown())
          .isEqualTo(4);
      f.engine.close();
      f.engine.close();
    }
  }
}
