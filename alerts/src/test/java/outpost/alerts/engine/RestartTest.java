package outpost.alerts.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.alerts.AckRequest;
import outpost.alerts.CheckView;
import outpost.alerts.DowntimeRequest;
import outpost.alerts.check.Status;
import outpost.alerts.state.Downtime;
import outpost.alerts.state.NotificationType;
import outpost.alerts.state.StateType;

class RestartTest {
  @TempDir Path dir;

  @Test
  void restartKeepsStateIdsAcksAndDowntimesAndDoesNotNotifyAgain() throws Exception {
    try (var f = new EngineFixture(dir, HostDiscoveryTest.FILE)) {
      f.log("web-1", "sshd", "hello");
      f.log("web-2", "sshd", "hello");
      f.engine.pollHosts();
      f.cycle(Duration.ofSeconds(30), 6);
      CheckView web1 = f.view("web-1", "http");
      CheckView web2 = f.view("web-2", "http");
      assertThat(web1.stateType()).isEqualTo(StateType.HARD);
      assertThat(f.notifier.of(NotificationType.PROBLEM)).hasSize(2);
      assertThat(f.engine.acknowledge(web1.id(), new AckRequest("alice", "on it", true, null)))
          .isTrue();
      Instant now = f.clock.instant();
      Downtime dt =
          f.engine.scheduleDowntime(
              new DowntimeRequest(
                  "web-2", "", now, now.plus(Duration.ofHours(2)), true, null, "bob", "deploy"));
      f.engine.tick();
      int before = f.notifier.events.size();

      f.restart();

      CheckView again1 = f.view("web-1", "http");
      CheckView again2 = f.view("web-2", "http");
      assertThat(again1.id()).isEqualTo(web1.id());
      assertThat(again2.id()).isEqualTo(web2.id());
      assertThat(again1.status()).isEqualTo(Status.CRITICAL);
      assertThat(again1.stateType()).isEqualTo(StateType.HARD);
      assertThat(again1.acknowledgement()).isNotNull();
      assertThat(again1.acknowledgement().author()).isEqualTo("alice");
      assertThat(f.engine.downtimes()).extracting(Downtime::id).containsExactly(dt.id());
      assertThat(again2.inDowntime()).isTrue();

      // past the re-notification interval: the acknowledged check and the host in downtime stay
      // quiet (web-1 itself, silent for 45 minutes, does raise its freshness host check)
      f.cycle(Duration.ofMinutes(1), 45);
      var after = f.notifier.events.subList(before, f.notifier.events.size());
      assertThat(after)
          .as(after.toString())
          .filteredOn(e -> e.type() == NotificationType.PROBLEM)
          .extracting(e -> e.key().toString())
          .containsOnly("web-1");
    }
  }

  @Test
  void restartOfAnUnhandledProblemDoesNotRepeatItsNotification() throws Exception {
    try (var f = new EngineFixture(dir, HostDiscoveryTest.FILE)) {
      f.log("web-3", "sshd", "hello");
      f.engine.pollHosts();
      f.cycle(Duration.ofSeconds(30), 6);
      assertThat(f.notifier.of(NotificationType.PROBLEM)).hasSize(1);
      f.restart();
      f.cycle(Duration.ofSeconds(30), 6);
      assertThat(f.notifier.of(NotificationType.PROBLEM)).hasSize(1);
      assertThat(f.view("web-3", "http").attempt()).isEqualTo(3);
    }
  }

  @Test
  void routineResultsWrittenBehindSurviveAnOrderlyRestart() throws Exception {
    String yaml =
        "defaults: {self_checks: false}\nchecks:\n  - {name: ok, kind: plugin, command: check_dummy 0 fine}\n";
    try (var f = new EngineFixture(dir, yaml)) {
      f.cycle(Duration.ofMinutes(1), 3);
      f.clock.advance(Duration.ofMinutes(1));
      f.runDue(); // no tick: only close() writes this one
      CheckView before = f.view("outpost", "ok");
      assertThat(before.lastCheck()).isEqualTo(f.clock.instant());
      f.restart();
      CheckView after = f.view("outpost", "ok");
      assertThat(after.lastCheck()).isEqualTo(before.lastCheck());
      assertThat(after.output()).isEqualTo("OK: fine");
      assertThat(f.engine.check(after.id()).orElseThrow().history()).hasSize(0);
    }
  }
}
