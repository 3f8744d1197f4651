package outpost.alerts.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.alerts.CheckView;
import outpost.alerts.check.Status;
import outpost.alerts.state.NotificationType;
import outpost.alerts.state.StateType;

class HostDiscoveryTest {
  static final String FILE =
      """
      defaults: {max_check_attempts: 3, check_interval: 1m, retry_interval: 30s, self_checks: false}
      contacts:
        - {name: alice, phone: "+15550001111"}
      notify: {contacts: [alice]}
      host_groups:
        - {name: web, match: {host: "web-*"}}
        - {name: apache, match: {app: apache2}}
      templates:
        - group: web
          services:
            - {name: http, kind: plugin, command: "check_dummy 2 'connection refused'"}
        - group: apache
          services:
            - {name: workers, kind: plugin, command: "check_dummy 0 'workers fine'"}
      """;

  @TempDir Path dir;

  @Test
  void templatesApplyToHostsDiscoveredFromTheLogs() throws Exception {
    try (var f = new EngineFixture(dir, FILE)) {
      assertThat(f.names()).isEmpty();
      f.log("web-1", "sshd", "hello");
      f.log("db-1", "postgres", "hello");
      f.engine.pollHosts();
      assertThat(f.names()).containsExactlyInAnyOrder("web-1/", "web-1/http", "db-1/");
      assertThat(f.view("web-1", "").kind()).isEqualTo("freshness");

      // an app seen later puts the host in another group
      f.log("db-1", "apache2", "GET / 200");
      f.engine.pollHosts();
      assertThat(f.names()).contains("db-1/workers");
    }
  }

  @Test
  void retiredHostLeavesWithoutNotificationAndReturnsWhenItLogs() throws Exception {
    try (var f = new EngineFixture(dir, FILE)) {
      f.log("web-2", "sshd", "hello");
      f.engine.pollHosts();
      long id = f.view("web-2", "http").id();
      f.cycle(Duration.ofSeconds(30), 6);
      CheckView failing = f.view("web-2", "http");
      assertThat(failing.status()).isEqualTo(Status.CRITICAL);
      assertThat(failing.stateType()).isEqualTo(StateType.HARD);
      assertThat(f.notifier.of(NotificationType.PROBLEM)).hasSize(1);
      int before = f.notifier.events.size();

      assertThat(f.store.hosts().retire("web-2")).isTrue();
      f.engine.pollHosts();
      assertThat(f.names()).noneMatch(n -> n.startsWith("web-2/"));
      f.cycle(Duration.ofMinutes(30), 3);
      assertThat(f.notifier.events).hasSize(before);

      f.log("web-2", "sshd", "back again");
      f.engine.pollHosts();
      CheckView back = f.view("web-2", "http");
      assertThat(back.id()).isEqualTo(id);
      assertThat(back.lastCheck()).as("starts over, pending").isNull();
      assertThat(f.engine.check(id).orElseThrow().history())
          .anySatisfy(h -> assertThat(h.kind()).isEqualTo("RETIRED"));
      assertThat(f.notifier.events).hasSize(before);
    }
  }

  @Test
  void silentHostRaisesTheFreshnessHostCheck() throws Exception {
    try (var f = new EngineFixture(dir, FILE)) {
      f.log("db-7", "postgres", "hello");
      f.engine.pollHosts();
      f.cycle(Duration.ofMinutes(1), 15);
      CheckView host = f.view("db-7", "");
      assertThat(host.status()).isEqualTo(Status.CRITICAL);
      assertThat(host.stateType()).isEqualTo(StateType.HARD);
      assertThat(f.notifier.of(NotificationType.PROBLEM))
          .anySatisfy(e -> assertThat(e.key().toString()).isEqualTo("db-7"));
    }
  }

  @Test
  void hostRetiredWhileOutpostWasDownReturnsWithoutItsOldProblem() throws Exception {
    try (var f = new EngineFixture(dir, FILE)) {
      f.log("web-5", "sshd", "hello");
      f.engine.pollHosts();
      f.cycle(Duration.ofSeconds(30), 2);
      assertThat(f.view("web-5", "http").status()).isEqualTo(Status.CRITICAL);
      assertThat(f.view("web-5", "http").stateType()).isEqualTo(StateType.SOFT);
      f.engine.close();
      f.store.hosts().retire("web-5");
      f.engine = f.open();
      assertThat(f.names()).noneMatch(n -> n.startsWith("web-5/"));
      f.log("web-5", "sshd", "back");
      f.engine.pollHosts();
      assertThat(f.view("web-5", "http").lastCheck()).isNull();
      f.cycle(Duration.ofSeconds(30), 2);
      assertThat(f.view("web-5", "http").stateType()).isEqualTo(StateType.SOFT);
      assertThat(f.notifier.of(NotificationType.PROBLEM)).isEmpty();
    }
  }
}
