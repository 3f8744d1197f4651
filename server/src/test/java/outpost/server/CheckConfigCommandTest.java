package outpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/outpost check-config} reports every problem in one run, each with file (or environment
 * variable), line, key and reason, exits 2, and starts and writes nothing.
 */
class CheckConfigCommandTest {
  @TempDir Path dir;

  @Test
  void reportsEveryProblemAtOnceWithFileLineKeyAndReason() throws Exception {
    OpenSslCommand.certificate(dir, "web");
    Path brokenKey = Files.writeString(dir.resolve("broken.key"), "this is not a private key\n");
    Files.setPosixFilePermissions(brokenKey, PosixFilePermissions.fromString("rw-------"));
    Path password = Files.writeString(dir.resolve("admin.pw"), "correct horse battery\n");
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
    Path checks =
        Files.writeString(
            dir.resolve("checks.yml"),
            String.join(
                "\n",
                "checks:",
                "  - name: home",
                "    host: web-1",
                "    kind: http",
                "    url: http://web-1/",
                "    critical: \"10:5\"",
                ""));
    Path config =
        Files.writeString(
            dir.resolve("outpost.yml"),
            String.join(
                "\n",
                "data_dir: " + dir.resolve("data"),
                "admin_password_file: " + password,
                "syslog:",
                "  udp_port: 0",
                "  tcp_pory: 5514",
                "  relp_port: 6514",
                "web:",
                "  port: 6514",
                "  tls:",
                "    certificate: " + dir.resolve("web.crt"),
                "    private_key: " + brokenKey,
                "alerts:",
                "  checks_file: " + checks,
                ""));

    OutpostCommand.Result result =
        OutpostCommand.run(
            dir,
            Map.of("OUTPOST_STORE_RETENTION_DAYS", "forever"),
            "check-config",
            "--config",
            config.toString());

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
    String file = "file " + config + " line ";
    assertThat(result.stderr())
        .contains(file + "5: key 'syslog.tcp_pory': unknown key")
        .contains(
            "environment variable OUTPOST_STORE_RETENTION_DAYS: key 'store.retention_days':"
                + " 'forever' is not a whole number")
        .contains(
            file + "2: key 'admin_password_file': " + password + " is readable by group or others")
        .contains(file + "11: key 'web.tls.private_key': " + brokenKey)
        .contains(file + "8: key 'web.port': port 6514 is also syslog.relp_port")
        .contains("bad checks file: ")
        .contains(checks.toString())
        .contains("checks[0]")
        .contains("6 problems; nothing was started");
    assertThat(result.stdout()).doesNotContain("config OK");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void checkConfigAliasAndEnvironmentOnlyConfigPass() throws Exception {
    OutpostCommand.Result result =
        OutpostCommand.run(
            dir,
            Map.of("OUTPOST_DATA_DIR", dir.resolve("data").toString(), "OUTPOST_WEB_PORT", "0"),
            "--check-config");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("config OK");
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void reportsANewerDataFormatANewerAlertsDbAndABrokenUsersFileWithoutWriting() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("FORMAT"), "outpost-data-format 99\nwritten-by outpost 9.0\n");
    Files.writeString(data.resolve("users.json"), "{\"users\": 5}");
    Files.setPosixFilePermissions(
        data.resolve("users.json"), PosixFilePermissions.fromString("rw-------"));
    DataFiles.sql(data, "CREATE TABLE checks (id INTEGER)", "PRAGMA user_version = 42");
    Map<String, String> before = DataFiles.snapshot(data);

    OutpostCommand.Result result =
        OutpostCommand.run(dir, Map.of("OUTPOST_DATA_DIR", data.toString()), "check-config");

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
    assertThat(result.stderr())
        .contains("outpost: data directory " + data + " is in data format 99")
        .contains("(written by Outpost 9.0), newer than this Outpost")
        .contains("bad users file: " + data.resolve("users.json"))
        .contains(
            "outpost: " + data.resolve("alerts.db") + " has schema version 42, newer than this")
        .contains("3 problems");
    assertThat(DataFiles.snapshot(data)).isEqualTo(before);
  }
}
