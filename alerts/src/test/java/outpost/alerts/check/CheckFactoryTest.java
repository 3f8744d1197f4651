package outpost.alerts.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building checks from the checks file's flat parameters, and the errors a user sees. */
class CheckFactoryTest {
  final CheckFactory factory = new CheckFactory(TestEnv.env());
  final CheckTarget web = new CheckTarget("web-2", "10.0.0.12");

  @Test
  void knowsEveryKind() {
    assertThat(CheckFactory.kinds())
        .containsExactly(
            "freshness",
            "http",
            "https",
            "log",
            "passive",
            "peer",
            "ping",
            "plugin",
            "self",
            "tcp");
    for (String kind : CheckFactory.kinds()) {
      assertThat(CheckFactory.params(kind)).isNotEmpty();
    }
  }

  @Test
  void rejectsAnUnknownKindListingTheKnownOnes() {
    assertThatThrownBy(() -> factory.create("smtp", Map.of(), web))
        .isInstanceOf(CheckConfigException.class)
        .hasMessageStartingWith("parameter \"kind\": \"smtp\" is not a check kind (known: [")
        .extracting(e -> ((CheckConfigException) e).parameter())
        .isEqualTo("kind");
  }

  @Test
  void rejectsAParameterTheKindDoesNotKnow() {
    assertThatThrownBy(() -> factory.create("tcp", Map.of("port", "22", "prot", "x"), web))
        .isInstanceOf(CheckConfigException.class)
        .hasMessageStartingWith("parameter \"prot\": not a parameter of kind tcp (known: [");
  }

  @Test
  void rejectsCertificateDaysOnPlainHttp() {
    assertThatThrownBy(() -> factory.create("http", Map.of("cert_warning_days", "7"), web))
        .hasMessageStartingWith("parameter \"cert_warning_days\": not a parameter of kind http");
  }

  @Test
  void namesMissingAndMalformedParameters() {
    assertThatThrownBy(() -> factory.create("tcp", Map.of(), web))
        .hasMessage("parameter \"port\": is required for kind tcp");
    assertThatThrownBy(() -> factory.create("tcp", Map.of("port", "70000"), web))
        .hasMessage("parameter \"port\": 70000 is outside 1..65535");
    assertThatThrownBy(() -> factory.create("tcp", Map.of("port", "22", "timeout", "10"), web))
        .hasMessage(
            "parameter \"timeout\": \"10\" is not a duration (a whole number with ms, s, m, h or"
                + " d, e.g. 10s)");
    assertThatThrownBy(() -> factory.create("http", Map.of("critical", "10:5"), web))
        .hasMessage("parameter \"critical\": \"10:5\" is not a Nagios range (start 10 > end 5)");
    assertThatThrownBy(() -> factory.create("http", Map.of("expect_status", "200-99x"), web))
        .hasMessageStartingWith("parameter \"expect_status\": \"200-99x\" is not a list");
    assertThatThrownBy(() -> factory.create("http", Map.of("url", "ftp://x/"), web))
        .hasMessageStartingWith("parameter \"url\": \"ftp://x/\" must be an absolute http://");
    assertThatThrownBy(() -> factory.create("http", Map.of("body_regex", "(a"), web))
        .hasMessageStartingWith("parameter \"body_regex\": \"(a\" is not a regular expression");
    assertThatThrownBy(() -> factory.create("plugin", Map.of("command", "check_x 'open"), web))
        .hasMessageContaining("unterminated single quote");
    assertThatThrownBy(() -> factory.create("plugin", Map.of("command", "bin/check_x"), web))
        .hasMessageContaining("must be an absolute path or a plain name in plugin_dir");
    assertThatThrownBy(() -> factory.create("log", Map.of("query", "status:[500 TO"), web))
        .hasMessageStartingWith("parameter \"query\": \"status:[500 TO\" is not a valid query");
    assertThatThrownBy(() -> factory.create("log", Map.of("query", "error"), web))
        .hasMessageContaining("needs warning or critical");
    assertThatThrownBy(() -> factory.create("ping", Map.of("warning", "100"), web))
        .hasMessage("parameter \"warning\": \"100\" is not rta,loss% (e.g. 100,20%)");
    assertThatThrownBy(() -> factory.create("ping", Map.of("mode", "tcp"), web))
        .hasMessage("parameter \"port\": is required with mode tcp");
    assertThatThrownBy(() -> factory.create("self", Map.of("aspect", "cpu"), web))
        .hasMessageStartingWith("parameter \"aspect\": \"cpu\" is not one of");
    assertThatThrownBy(
            () -> factory.create("self", Map.of("aspect", "disk", "max_silence", "5m"), web))
        .hasMessage("parameter \"max_silence\": does not apply to aspect disk");
    assertThatThrownBy(() -> factory.create("passive", Map.of(), web))
        .hasMessage("parameter \"service\": is required for kind passive");
    assertThatThrownBy(() -> factory.create("http", Map.of("insecure", "maybe"), web))
        .hasMessage("parameter \"insecure\": \"maybe\" is not true or false");
  }

  @Test
  void substitutesHostMacrosInDefaultsAndStringParameters() {
    PluginCheck plugin =
        (PluginCheck)
            factory.create(
                "plugin",
                Map.of("command", "check_http -H $HOSTADDRESS$ -u '/x?h=$HOSTNAME$' -s \"a b\""),
                web);
    assertThat(plugin.command())
        .containsExactly(
            "/usr/lib/nagios/plugins/check_http",
            "-H",
            "10.0.0.12",
            "-u",
            "/x?h=web-2",
            "-s",
            "a b");
  }

  @Test
  void aHostNameCannotAddWordsToAPluginCommand() {
    CheckTarget odd = new CheckTarget("a; rm -rf /", "10.0.0.1");
    PluginCheck plugin =
        (PluginCheck) factory.create("plugin", Map.of("command", "/bin/echo $HOSTNAME$"), odd);
    assertThat(plugin.command()).containsExactly("/bin/echo", "a; rm -rf /");
  }

  @Test
  void redactsSecretsForDisplay() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("url", "https://monitor:s3cret@web-2/status");
    params.put("password", "hunter2");
    params.put("api_token", "abc");
    params.put("headers", "Accept: text/plain\nAuthorization: Bearer xyz\nX-Api-Key: k1");
    params.put("timeout", "5s");
    assertThat(CheckFactory.redacted(params))
        .containsExactly(
            Map.entry("url", "https://monitor:****@web-2/status"),
            Map.entry("password", "****"),
            Map.entry("api_token", "****"),
            Map.entry("headers", "Accept: text/plain\nAuthorization: ****\nX-Api-Key: ****"),
            Map.entry("timeout", "5s"));
  }

  @Test
  void parsesAndFormatsDurations() {
    assertThat(Durations.parse("500ms")).hasMillis(500);
    assertThat(Durations.parse("10s")).hasSeconds(10);
    assertThat(Durations.parse("5m")).hasMinutes(5);
    assertThat(Durations.parse("1h")).hasHours(1);
    assertThat(Durations.format(Durations.parse("90s"))).isEqualTo("1m30s");
    assertThat(Durations.format(Durations.parse("23m"))).isEqualTo("23m");
    assertThat(Durations.format(Durations.parse("65m"))).isEqualTo("1h05m");
    assertThat(Durations.format(Durations.parse("1500ms"))).isEqualTo("1.5s");
  }

  @Test
  void defaultUrlBracketsAnIpv6Address() {
    CheckTarget v6 = new CheckTarget("web-6", "2001:db8::7");
    HttpCheck check = (HttpCheck) factory.create("https", Map.of(), v6);
    assertThat(check.uri()).hasToString("https://[2001:db8::7]/");
    assertThat(((HttpCheck) factory.create("http", Map.of(), web)).uri())
        .hasToString("http://10.0.0.12/");
  }
}
