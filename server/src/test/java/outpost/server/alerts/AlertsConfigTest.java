package outpost.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.alerts.AlertSettings;
import outpost.server.ConfigException;
import outpost.server.OutpostConfig;

/** The {@code alerts.*} keys: defaults, the Twilio account and its secret, and refused values. */
class AlertsConfigTest {
  static final String SID = "AC0123456789abcdef0123456789abcdef";
  static final String TOKEN = "s3cr3t-auth-token-never-shown";

  @TempDir Path dir;

  private OutpostConfig load(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("OUTPOST_DATA_DIR", dir.resolve("data").toString());
    return OutpostConfig.load(null, all);
  }

  private ConfigException refused(Map<String, String> env) {
    try {
      load(env);
    } catch (ConfigException e) {
      assertThat(e.getMessage()).doesNotContain(TOKEN);
      return e;
    }
    throw new AssertionError("config was accepted: " + env);
  }

  @Test
  void defaultsRunTheBuiltInChecksWithoutSms() {
    AlertSettings alerts = load(Map.of()).alerts();

    assertThat(alerts).isNotNull();
    assertThat(alerts.dataDir()).isEqualTo(dir.resolve("data").toAbsolutePath());
    assertThat(alerts.checksFile()).isNull();
    assertThat(alerts.selfName()).isEqualTo("outpost");
    assertThat(alerts.publicUrl()).isNull();
    assertThat(alerts.twilio()).isNull();
    assertThat(alerts.groupingWindow()).isEqualTo(Duration.ofSeconds(30));
    assertThat(alerts.maxMessagesPerContactPerHour()).isEqualTo(10);
    assertThat(alerts.schedulerThreads()).isEqualTo(64);
  }

  @Test
  void disabledAlertsHaveNoSettings() {
    assertThat(load(Map.of("OUTPOST_ALERTS_ENABLED", "false")).alerts()).isNull();
  }

  @Test
  void readsEveryKeyFromTheYamlFileWithTheTokenFromTheEnvironment() throws IOException {
    Path checks = Files.writeString(dir.resolve("checks.yml"), "checks: []\n");
    Path file =
        Files.writeString(
            dir.resolve("outpost.yml"),
            String.join(
                "\n",
                "alerts:",
                "  checks_file: " + checks,
                "  self_name: outpost-2",
                "  public_url: https://outpost.example.com",
                "  grouping_window: 500ms",
                "  max_sms_per_contact_per_hour: 3",
                "  scheduler_threads: 8",
                "  twilio:",
                "    account_sid: " + SID,
                "    from: \"+15005550006\"",
                "    api_base: http://127.0.0.1:4010",
                ""));

    AlertSettings alerts =
        OutpostConfig.load(
                file,
                Map.of(
                    "OUTPOST_DATA_DIR", dir.toString(), "OUTPOST_ALERTS_TWILIO_AUTH_TOKEN", TOKEN))
            .alerts();

    assertThat(alerts.checksFile()).isEqualTo(checks);
    assertThat(alerts.selfName()).isEqualTo("outpost-2");
    assertThat(alerts.publicUrl()).isEqualTo(URI.create("https://outpost.example.com"));
    assertThat(alerts.groupingWindow()).isEqualTo(Duration.ofMillis(500));
    assertThat(alerts.maxMessagesPerContactPerHour()).isEqualTo(3);
    assertThat(alerts.schedulerThreads()).isEqualTo(8);
    assertThat(alerts.twilio().accountSid()).isEqualTo(SID);
    assertThat(alerts.twilio().authToken()).isEqualTo(TOKEN);
    assertThat(alerts.twilio().from()).isEqualTo("+15005550006");
    assertThat(alerts.twilio().apiBase()).isEqualTo(URI.create("http://127.0.0.1:4010"));
    assertThat(alerts.twilio().toString()).doesNotContain(TOKEN);
    assertThat(alerts.toString()).doesNotContain(TOKEN);
  }

  @Test
  void tokenFileMustBeOwnerOnly() throws IOException {
    Path token = Files.writeString(dir.resolve("twilio-token"), TOKEN + "\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
    Map<String, String> env =
        Map.of(
            "OUTPOST_ALERTS_TWILIO_ACCOUNT_SID",
            SID,
            "OUTPOST_ALERTS_TWILIO_MESSAGING_SERVICE_SID",
            "MG0123456789abcdef0123456789abcdef",
            "OUTPOST_ALERTS_TWILIO_AUTH_TOKEN_FILE",
            token.toString());

    assertThat(refused(env).getMessage())
        .contains("alerts.twilio.auth_token_file")
        .contains(token.toString())
        .contains("chmod 600");

    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    AlertSettings alerts = load(env).alerts();
    assertThat(alerts.twilio().authToken()).isEqualTo(TOKEN);
    assertThat(alerts.twilio().messagingServiceSid()).startsWith("MG");
  }

  @Test
  void refusesIncompleteOrMalformedTwilioSettingsNamingTheKey() {
    assertThat(
            refused(
                    Map.of(
                        "OUTPOST_ALERTS_TWILIO_ACCOUNT_SID",
                        SID,
                        "OUTPOST_ALERTS_TWILIO_FROM",
                        "+15005550006"))
                .getMessage())
        .contains("alerts.twilio.auth_token")
        .contains("OUTPOST_ALERTS_TWILIO_AUTH_TOKEN");
    assertThat(
            refused(
                    Map.of(
                        "OUTPOST_ALERTS_TWILIO_ACCOUNT_SID", "AC12",
                        "OUTPOST_ALERTS_TWILIO_AUTH_TOKEN", TOKEN,
                        "OUTPOST_ALERTS_TWILIO_FROM", "+15005550006"))
                .getMessage())
        .contains("alerts.twilio.account_sid")
        .contains("'AC12'");
    assertThat(
            refused(
                    Map.of(
                        "OUTPOST_ALERTS_TWILIO_ACCOUNT_SID", SID,
                        "OUTPOST_ALERTS_TWILIO_AUTH_TOKEN", TOKEN,
                        "OUTPOST_ALERTS_TWILIO_FROM", "0790 000 1234"))
                .getMessage())
        .contains("alerts.twilio.from")
        .contains("E.164");
    assertThat(
            refused(
                    Map.of(
                        "OUTPOST_ALERTS_TWILIO_ACCOUNT_SID", SID,
                        "OUTPOST_ALERTS_TWILIO_AUTH_TOKEN", TOKEN))
                .getMessage())
        .contains("exactly one of alerts.twilio.from and alerts.twilio.messaging_service_sid");
    assertThat(refused(Map.of("OUTPOST_ALERTS_TWILIO_AUTH_TOKEN", TOKEN)).getMessage())
        .contains("alerts.twilio.account_sid");
  }

  @Test
  void refusesBadDurationsUrlsNamesAndMissingChecksFile() {
    assertThat(refused(Map.of("OUTPOST_ALERTS_GROUPING_WINDOW", "30 sec")).getMessage())
        .contains("alerts.grouping_window")
        .contains("'30 sec' is not a duration");
    assertThat(refused(Map.of("OUTPOST_ALERTS_GROUPING_WINDOW", "2h")).getMessage())
        .contains("exceeds limit 60m");
    assertThat(refused(Map.of("OUTPOST_ALERTS_PUBLIC_URL", "ftp://outpost")).getMessage())
        .contains("alerts.public_url")
        .contains("not an http or https URL");
    assertThat(refused(Map.of("OUTPOST_ALERTS_SELF_NAME", "out post")).getMessage())
        .contains("alerts.self_name");
    assertThat(refused(Map.of("OUTPOST_ALERTS_SCHEDULER_THREADS", "0")).getMessage())
        .contains("alerts.scheduler_threads")
        .contains("0 is outside 1..4096");
    Path missing = dir.resolve("nope.yml");
    assertThat(refused(Map.of("OUTPOST_ALERTS_CHECKS_FILE", missing.toString())).getMessage())
        .contains("alerts.checks_file")
        .contains(missing.toString());
  }

  @Test
  void bothInlineTokenAndTokenFileIsAnError() throws IOException {
    Path token = Files.writeString(dir.resolve("t"), TOKEN);
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));

    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "OUTPOST_ALERTS_TWILIO_ACCOUNT_SID",
                        SID,
                        "OUTPOST_ALERTS_TWILIO_FROM",
                        "+15005550006",
                        "OUTPOST_ALERTS_TWILIO_AUTH_TOKEN",
                        TOKEN,
                        "OUTPOST_ALERTS_TWILIO_AUTH_TOKEN_FILE",
                        token.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("set either alerts.twilio.auth_token or")
        .hasMessageNotContaining(TOKEN);
  }
}
