package outpost.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {
  static AgentOptions parse(String mode, String... args) {
    return AgentOptions.parse(mode, List.of(args), Map.of("HOME", "/home/u"));
  }

  @Test
  void readsEveryOption() {
    AgentOptions o =
        parse(
            "logpipe",
            "--server",
            "logs.example.org:5514",
            "--tag",
            "apache-access",
            "--facility",
            "local6",
            "--severity",
            "notice",
            "--spool-max",
            "64MiB",
            "--max-line=8KiB",
            "--heartbeat",
            "1m",
            "--hostname",
            "web-7",
            "--spool-dir",
            "/s");
    assertThat(o.host()).isEqualTo("logs.example.org");
    assertThat(o.port()).isEqualTo(5514);
    assertThat(o.facility()).isEqualTo(22);
    assertThat(o.severity()).isEqualTo(5);
    assertThat(o.spoolMax()).isEqualTo(64L << 20);
    assertThat(o.maxLine()).isEqualTo(8192);
    assertThat(o.heartbeat()).isEqualTo(Duration.ofMinutes(1));
    assertThat(o.goodbye()).isFalse();
    assertThat(o.spoolDir()).isEqualTo(Path.of("/s"));
    assertThat(parse("heartbeat", "--server", "[::1]:514").goodbye()).isTrue();
    assertThat(parse("heartbeat", "--server", "[::1]:514").host()).isEqualTo("::1");
  }

  @Test
  void badValuesNameTheOptionTheValueAndTheLimit() {
    assertThatThrownBy(() -> parse("logpipe")).hasMessage("--server host:port is required");
    assertThatThrownBy(() -> parse("logpipe", "--server", "h:70000"))
        .hasMessage("--server port 70000 is outside 1..65535");
    assertThatThrownBy(() -> parse("logpipe", "--server", "h:1", "--max-line", "1MiB"))
        .hasMessage("--max-line 1MiB is outside 64..524288 bytes");
    assertThatThrownBy(() -> parse("logpipe", "--server", "h:1", "--facility", "local9"))
        .hasMessage("--facility 'local9' is not a number");
    assertThatThrownBy(() -> parse("logpipe", "--server", "h:1", "--heartbeat", "soon"))
        .hasMessage("--heartbeat 'soon' is not a duration like 500ms, 30s, 5m or 1h");
    assertThatThrownBy(() -> parse("logpipe", "--server", "h:1", "--udp", "--tls"))
        .hasMessage("--udp and --tls exclude each other");
    assertThatThrownBy(() -> parse("tail", "--server", "h:1"))
        .hasMessage("outpost-tail needs at least one --file");
    assertThatThrownBy(() -> parse("logpipe", "--server", "h:1", "--bogus", "1"))
        .hasMessage("unknown option --bogus");
    assertThatThrownBy(() -> Tail.glob("/var/*/access.log"))
        .hasMessage("--file '/var/*/access.log': wildcards are allowed in the file name only");
  }
}
