package outpost.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Rfc5424WriterTest {
  static final Instant T = Instant.parse("2026-11-23T10:15:30.123456789Z");

  @Test
  void writesHeaderWithMicrosecondTimestampAndKeepsTheLineAsIs() {
    Rfc5424Writer w = new Rfc5424Writer(22, 6, "web-1", "4711");
    byte[] line = "1.2.3.4 - - \"GET / HTTP/1.1\" 200 5\r".getBytes(StandardCharsets.UTF_8);
    String m = new String(w.message(T, "apache-access", "", null, line), StandardCharsets.UTF_8);
    assertThat(m)
        .isEqualTo(
            "<182>1 2026-11-23T10:15:30.123456Z web-1 apache-access 4711 - - 1.2.3.4 - -"
                + " \"GET / HTTP/1.1\" 200 5\r");
  }

  @Test
  void framesWithOctetCounting() {
    byte[] framed =
        Rfc5424Writer.octetCounted("<14>1 - - - - - - hé".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(framed, StandardCharsets.UTF_8)).isEqualTo("21 <14>1 - - - - - - hé");
  }

  @Test
  void escapesQuoteBackslashAndBracketInSdValues() {
    String sd =
        Rfc5424Writer.sdElement(
            "outpost-disk@32473",
            List.of(Map.entry("mount", "/mnt/a \"b\"\\c]"), Map.entry("mount", "/")));
    assertThat(sd).isEqualTo("[outpost-disk@32473 mount=\"/mnt/a \\\"b\\\"\\\\c\\]\" mount=\"/\"]");
  }

  @Test
  void rejectsBadHeaderFieldsNamingValueAndLimit() {
    assertThatThrownBy(() -> new Rfc5424Writer(24, 6, "h", "1"))
        .hasMessage("facility 24 is outside 0..23");
    assertThatThrownBy(() -> new Rfc5424Writer(1, 6, "web 1", "1"))
        .hasMessage("hostname 'web 1' may hold printable ASCII only (no spaces), found code 32");
    assertThatThrownBy(() -> Rfc5424Writer.headerField("app name", "a".repeat(49), 48))
        .hasMessage("app name '" + "a".repeat(49) + "' has 49 characters, limit 48");
    assertThatThrownBy(() -> Rfc5424Writer.sdElement("bad id", List.of()))
        .hasMessageContaining("SD-ID 'bad id'");
  }
}
