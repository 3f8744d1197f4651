package outpost.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collecting {@link ConfigSource} lists every problem with file, line and key and carries on with
 * defaults; a strict one (start-up) still stops at the first.
 */
class ConfigProblemsTest {
  @TempDir Path dir;

  @Test
  void everyBadValueInOneSectionIsListedWithItsLine() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("outpost.yml"),
            String.join(
                "\n",
                "syslog:",
                "  udp_port: many",
                "  tcp_port: 70000",
                "  allow: [{net: 10.0.0.0/8}]",
                "  limits:",
                "    idle_timeout: soon",
                "alerts:",
                "  self_name: 'not a host'",
                "  grouping_window: forever",
                ""));

    ConfigSource src = ConfigSource.collecting(file, Map.of("OUTPOST_WEB_PORT", "-5"));
    OutpostConfig.read(src);

    String at = "file " + file + " line ";
    assertThat(src.problems())
        .containsExactlyInAnyOrder(
            at + "4: key 'syslog.allow': expected a single value or a list of values",
            at + "2: key 'syslog.udp_port': 'many' is not a whole number",
            at + "3: key 'syslog.tcp_port': 70000 is outside -1..65535",
            at + "6: key 'syslog.limits.idle_timeout': 'soon' is not a whole number",
            "environment variable OUTPOST_WEB_PORT: key 'web.port': -5 is outside 0..65535",
            at
                + "8: key 'alerts.self_name': 'not a host' is not a host name (letters, digits,"
                + " '.', '_', '-'; 1..255)",
            at
                + "9: key 'alerts.grouping_window': 'forever' is not a duration like 30s, 500ms,"
                + " 5m, 1h");
    assertThatThrownBy(() -> OutpostConfig.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(at + "4: key 'syslog.allow': expected a single value or a list of values");
  }

  @Test
  void brokenYamlIsOneProblemAndTheEnvironmentIsStillChecked() throws Exception {
    Path file = Files.writeString(dir.resolve("broken.yml"), "syslog:\n  udp_port: [1\n");

    ConfigSource src = ConfigSource.collecting(file, Map.of("OUTPOST_STORE_RETENTION_DAYS", "0"));
    OutpostConfig.read(src);

    assertThat(src.problems()).hasSize(2);
    assertThat(src.problems().get(0)).startsWith("config file " + file).contains("not valid YAML");
    assertThat(src.problems().get(1))
        .isEqualTo(
            "environment variable OUTPOST_STORE_RETENTION_DAYS: key 'store.retention_days':"
                + " 0 is outside 1..36500");
  }
}
