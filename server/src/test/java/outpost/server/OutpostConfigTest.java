package outpost.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.ingest.syslog.HostZone;

class OutpostConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsNeedNoFileAndNoEnvironment() {
    OutpostConfig config = OutpostConfig.defaults();

    assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    assertThat(config.syslog().udpPort()).isEqualTo(5514);
    assertThat(config.syslog().tcpPort()).isEqualTo(5514);
    assertThat(config.syslog().maxFrameBytes()).isEqualTo(65536);
    assertThat(config.syslog().udpReceiveBufferBytes()).isEqualTo(16 << 20);
    assertThat(config.syslog().tcpZone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(config.web().port()).isEqualTo(8080);
    assertThat(config.store().retention()).isEqualTo(Duration.ofDays(30));
    assertThat(config.adminPassword()).isEmpty();
  }

  @Test
  void environmentOverridesFile() throws IOException {
    Path file =
        write(
            "outpost.yml",
            "data_dir: /srv/outpost\nsyslog:\n  udp_port: 1514\nweb:\n  port: 9000\n");

    OutpostConfig config =
        OutpostConfig.load(file, Map.of("OUTPOST_WEB_PORT", "0", "OUTPOST_ADMIN_PASSWORD", "pw"));

    assertThat(config.dataDir()).isEqualTo(Path.of("/srv/outpost"));
    assertThat(config.syslog().udpPort()).isEqualTo(1514);
    assertThat(config.web().port()).isZero();
    assertThat(config.adminPassword()).contains("pw");
  }

  @Test
  void hostTimeZonesReadFromYamlMapInOrder() throws IOException {
    Path file =
        write(
            "zones.yml",
            "syslog:\n  time_zone: Europe/Berlin\n  host_time_zones:\n"
                + "    web-*: America/New_York\n    db?: Asia/Tokyo\n");

    OutpostConfig config = OutpostConfig.load(file, Map.of());

    assertThat(config.syslog().udpZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(config.syslog().hostZones())
        .containsExactly(
            new HostZone("web-*", ZoneId.of("America/New_York")),
            new HostZone("db?", ZoneId.of("Asia/Tokyo")));
  }

  @Test
  void badPortInFileNamesFileKeyAndReason() throws IOException {
    Path file = write("bad.yml", "syslog:\n  tcp_port: 70000\n");

    assertThatThrownBy(() -> OutpostConfig.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("file " + file)
        .hasMessageContaining("syslog.tcp_port")
        .hasMessageContaining("70000 is outside -1..65535");
  }

  @Test
  void badValueInEnvironmentNamesTheVariable() {
    assertThatThrownBy(() -> OutpostConfig.load(null, Map.of("OUTPOST_WEB_PORT", "eighty")))
        .hasMessageContaining("environment variable OUTPOST_WEB_PORT")
        .hasMessageContaining("'eighty' is not a whole number");
  }

  @Test
  void unknownKeyIsRejected() throws IOException {
    Path file = write("typo.yml", "syslog:\n  udp_prot: 514\n");

    assertThatThrownBy(() -> OutpostConfig.load(file, Map.of()))
        .hasMessageContaining("key 'syslog.udp_prot': unknown key");
  }

  @Test
  void brokenYamlIsReported() throws IOException {
    Path file = write("broken.yml", "syslog: [unclosed\n");

    assertThatThrownBy(() -> OutpostConfig.load(file, Map.of()))
        .hasMessageContaining("file " + file)
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void badTimeZoneAndSizeAreReported() {
    assertThatThrownBy(
            () -> OutpostConfig.load(null, Map.of("OUTPOST_SYSLOG_TIME_ZONE", "Mars/Olympus")))
        .hasMessageContaining("syslog.time_zone")
        .hasMessageContaining("'Mars/Olympus' is not a time zone");
    assertThatThrownBy(
            () -> OutpostConfig.load(null, Map.of("OUTPOST_SYSLOG_MAX_FRAME_BYTES", "lots")))
        .hasMessageContaining("'lots' is not a size");
    assertThat(
            OutpostConfig.load(null, Map.of("OUTPOST_STORE_DISK_BUDGET", "50GiB"))
                .store()
                .diskBudgetBytes())
        .isEqualTo(50L << 30);
  }

  @Test
  void passwordFileMustBePrivate() throws IOException {
    Path secret = write("admin.pw", "s3cret\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    Map<String, String> env = Map.of("OUTPOST_ADMIN_PASSWORD_FILE", secret.toString());

    assertThatThrownBy(() -> OutpostConfig.load(null, env))
        .hasMessageContaining("readable by group or others");

    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    assertThat(OutpostConfig.load(null, env).adminPassword()).contains("s3cret");
  }

  @Test
  void disablingBothListenersIsAnError() {
    assertThatThrownBy(
            () ->
                OutpostConfig.load(
                    null, Map.of("OUTPOST_SYSLOG_UDP_PORT", "-1", "OUTPOST_SYSLOG_TCP_PORT", "-1")))
        .hasMessageContaining("both disabled");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
