package outpost.alerts.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.alerts.check.CheckEnvironment;
import outpost.alerts.check.CheckFactory;
import outpost.alerts.check.SelfStatus;
import outpost.index.HostDirectory;
import outpost.index.HostInfo;
import outpost.index.LuceneLogStore;
import outpost.index.StoreConfig;

class ChecksFileLoaderTest {
  @TempDir Path dir;

  private static final HostDirectory NO_HOSTS =
      new HostDirectory() {
        @Override
        public List<HostInfo> hosts() {
          return List.of();
        }

        @Override
        public Optional<HostInfo> host(String name) {
          return Optional.empty();
        }

        @Override
        public boolean retire(String name) {
          return false;
        }

        @Override
        public boolean forget(String name) {
          return false;
        }
      };

  private ChecksFile load(String yaml) throws IOException {
    Path file = dir.resolve("checks.yml");
    Files.writeString(file, yaml);
    try (LuceneLogStore store =
        LuceneLogStore.open(
            StoreConfig.defaults(dir.resolve("store")),
            InstantSource.system(),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
      var env =
          new CheckEnvironment(
              store,
              NO_HOSTS,
              (host, service) -> Optional.empty(),
              () -> new SelfStatus(0, 0, 0, 1, 1, 0),
              InstantSource.system());
      return new ChecksFileLoader(new CheckFactory(env)::create, "outpost").load(file);
    }
  }

  private AlertConfigException error(String yaml) {
    return (AlertConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> load(yaml));
  }

  @Test
  void loadsTheDocumentedExample() throws IOException {
    String yaml;
    try (InputStream in = getClass().getResourceAsStream("full-example.yml")) {
      yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    ChecksFile f = load(yaml);
    assertThat(f.contacts())
        .extracting(ContactConfig::name)
        .containsExactly("alice", "bob", "night-shift");
    assertThat(f.routing().level(0)).containsExactly("alice");
    assertThat(f.routing().level(2)).containsExactly("night-shift");
    assertThat(f.hosts()).extracting(StaticHost::name).containsExactly("router-1", "db-1");
    assertThat(f.host("db-1").orElseThrow().parents()).containsExactly("router-1");
    assertThat(f.templates()).hasSize(3);
    CheckDefinition disk = f.templates().get(2).services().getFirst();
    assertThat(disk.policy().checkInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(disk.routing().contacts()).containsExactly("bob");
    assertThat(disk.policy().escalations())
        .containsExactly(Duration.ofMinutes(15), Duration.ofHours(1));
    assertThat(f.checks())
        .extracting(CheckDefinition::host)
        .containsExactly("outpost", "outpost", "outpost", "db-1", "db-1");
    CheckDefinition cert = f.checks().get(3);
    assertThat(cert.routing().escalations()).isEmpty();
    assertThat(cert.policy().escalations()).isEmpty();
    assertThat(f.defaults().hostFreshness()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void unknownTopLevelKeyNamesFileLineAndKey() {
    AlertConfigException e = error("defaults: {check_interval: 1m}\n\nhostz:\n  - {name: a}\n");
    assertThat(e.file()).isEqualTo(dir.resolve("checks.yml"));
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.key()).isEqualTo("hostz");
    assertThat(e.getMessage())
        .contains("checks.yml line 3, hostz: unknown key (allowed: checks, contacts");
  }

  @Test
  void unknownCheckParameterComesFromTheFactoryWithItsLine() {
    AlertConfigException e =
        error("checks:\n  - name: web\n    kind: http\n    url: http://x/\n    colour: red\n");
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.key()).isEqualTo("checks[0].colour");
    assertThat(e.getMessage()).contains("not a parameter of kind http");
  }

  @Test
  void badDurationNamesTheValue() {
    AlertConfigException e = error("defaults:\n  check_interval: 1x\n");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.key()).isEqualTo("defaults.check_interval");
    assertThat(e.getMessage()).contains("\"1x\" is not a duration");
  }

  @Test
  void badRangeFromTheFactoryNamesTheParameter() {
    AlertConfigException e =
        error(
            "checks:\n  - name: 5xx\n    kind: log\n    query: \"status:[500 TO 599]\"\n"
                + "    warning: 20\n    critical: \"10:5\"\n");
    assertThat(e.line()).isEqualTo(6);
    assertThat(e.key()).isEqualTo("checks[0].critical");
    assertThat(e.getMessage()).contains("10:5");
  }

  @Test
  void unknownContactIsRefused() {
    AlertConfigException e =
        error(
            "contacts:\n  - {name: alice, phone: \"+15550001111\"}\nnotify: {contacts: [carol]}\n");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.key()).isEqualTo("notify.contacts");
    assertThat(e.getMessage()).contains("unknown contact \"carol\" (declared: alice)");
  }

  @Test
  void templateOfAnUnknownGroupAndBadPhoneAndUnknownParentAreRefused() {
    assertThat(error("templates:\n  - {group: web, services: []}\n").key())
        .isEqualTo("templates[0].group");
    assertThat(error("contacts:\n  - {name: a, phone: \"555-1234\"}\n").getMessage())
        .contains("not an E.164 number");
    assertThat(error("hosts:\n  - {name: db-1, parents: [router-9]}\n").key())
        .isEqualTo("hosts[0].parents");
    assertThat(error("checks:\n  - {name: a, kind: plugin}\n").key())
        .isEqualTo("checks[0].command");
    assertThat(
            error(
                    "checks: [{name: a, kind: plugin, command: check_dummy 0, max_check_attempts: 0}]\n")
                .getMessage())
        .contains("0 outside 1..100");
  }

  @Test
  void brokenYamlNamesTheLine() {
    AlertConfigException e = error("checks:\n  - {name: a, kind: [\n");
    assertThat(e.line()).isGreaterThan(0);
    assertThat(e.getMessage()).contains("not valid YAML");
  }
}
