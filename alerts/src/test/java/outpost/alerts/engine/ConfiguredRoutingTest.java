package outpost.alerts.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredRoutingTest {
  static final String FILE =
      """
      defaults: {self_checks: false}
      contacts:
        - {name: alice, phone: "+15550001111"}
        - {name: bob, phone: "+15550002222"}
        - {name: carol, webhook: "https://hooks.example.com/x"}
      notify: {contacts: [alice], escalations: [{after: 1h, contacts: [carol]}, {after: 15m, contacts: [bob]}]}
      checks:
        - {name: default-routing, kind: plugin, command: check_dummy 0}
        - {name: own-contacts, kind: plugin, command: check_dummy 0, contacts: [bob], escalations: []}
      """;

  @TempDir Path dir;

  @Test
  void checksUseTheirOwnRoutingElseTheFilesAndEscalateInOrderOfDelay() throws Exception {
    try (var f = new EngineFixture(dir, FILE)) {
      var registry = new CheckRegistry();
      f.engine.checks().forEach(v -> f.engine.scheduled(v.id()).ifPresent(registry::add));
      var file = outpost.alerts.config.ChecksFile.builtIn();
      long plain = f.view("outpost", "default-routing").id();
      long own = f.view("outpost", "own-contacts").id();
      var routing =
          new ConfiguredRouting(registry, f.engine.scheduled(plain).orElseThrow().routing());
      assertThat(routing.contacts(plain, 0)).containsExactly("alice");
      assertThat(routing.contacts(plain, 1)).containsExactly("bob");
      assertThat(routing.contacts(plain, 2)).containsExactly("carol");
      assertThat(routing.contacts(plain, 7)).containsExactly("carol");
      assertThat(routing.contacts(own, 0)).containsExactly("bob");
      assertThat(routing.contacts(own, 3)).containsExactly("bob");
      assertThat(new ConfiguredRouting(registry, file.routing()).contacts(999, 0)).isEmpty();
      assertThat(f.engine.scheduled(plain).orElseThrow().policy().escalations())
          .containsExactly(java.time.Duration.ofMinutes(15), java.time.Duration.ofHours(1));
    }
  }
}
