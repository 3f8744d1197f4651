package outpost.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import outpost.index.LogEvent;
import outpost.index.Syslog;
import outpost.index.Transport;
import outpost.ingest.FrameSource;

/**
 * Every line of {@code syslog-vectors/messages.txt} (go-syslog and rsyslog test vectors) against
 * its row in {@code syslog-vectors-expected.tsv}: the parsed fields, or why it is kept raw.
 */
class SyslogVectorsTest {
  private static final String MESSAGES = "syslog-vectors/messages.txt";
  private static final String EXPECTED = "syslog-vectors-expected.tsv";
  private static final Instant RECEIVED = Instant.parse("2026-11-23T10:00:00Z");
  private static final String SENDER = "192.0.2.99";

  private final SyslogEventDecoder decoder = new SyslogEventDecoder(ParserConfig.defaults());

  static Stream<Arguments> vectors() {
    List<byte[]> frames = Fixtures.lines(MESSAGES);
    Map<Integer, String[]> expected = expectations();
    List<Arguments> rows = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      rows.add(Arguments.of(i + 1, frames.get(i), expected.get(i + 1)));
    }
    return rows.stream();
  }

  private static Map<Integer, String[]> expectations() {
    Map<Integer, String[]> rows = new HashMap<>();
    for (String line : Fixtures.textLines(EXPECTED)) {
      if (!line.startsWith("#")) {
        String[] cells = line.split("\t", -1);
        rows.put(Integer.parseInt(cells[0]), cells);
      }
    }
    return rows;
  }

  @Test
  void everyVectorHasAnExpectation() {
    assertThat(Fixtures.lines(MESSAGES)).hasSize(258);
    assertThat(expectations().keySet()).hasSize(258).allMatch(n -> n >= 1 && n <= 258);
  }

  @ParameterizedTest(name = "messages.txt line {0}")
  @MethodSource("vectors")
  void decodesAsExpected(int line, byte[] frame, String[] expected) {
    assertThat(expected).as("expectation row for line %d", line).isNotNull();
    LogEvent event =
        decoder.decode(frame, new FrameSource(Transport.UDP, SENDER, RECEIVED, frame.length));

    assertThat(event.raw()).isEqualTo(new String(frame, StandardCharsets.UTF_8));
    assertThat(event.transport()).isEqualTo("udp");
    assertThat(event.received()).isEqualTo(RECEIVED);
    if (expected[1].equals("raw")) {
      assertThat(event.parseError()).isEqualTo(cell(expected[2]));
      assertThat(event.timestamp()).isEqualTo(instant(expected[3]));
      assertThat(event.host()).isEqualTo(cell(expected[4]));
      assertThat(event.app()).isEqualTo(cell(expected[5]));
      assertThat(
              Syslog.facilityName(event.facility()) + "." + Syslog.severityName(event.severity()))
          .isEqualTo(expected[6]);
      assertThat(event.message()).isEqualTo(cell(expected[7]));
      return;
    }
    assertThat(event.parseError()).isEmpty();
    assertThat(event.timestamp()).isEqualTo(instant(expected[2]));
    assertThat(event.host()).isEqualTo(cell(expected[3]));
    assertThat(event.app()).isEqualTo(cell(expected[4]));
    assertThat(event.procId()).isEqualTo(cell(expected[5]));
    assertThat(event.msgId()).isEqualTo(cell(expected[6]));
    assertThat(Syslog.facilityName(event.facility()) + "." + Syslog.severityName(event.severity()))
        .isEqualTo(expected[7]);
    assertThat(event.message()).isEqualTo(cell(expected[8]));
    Map<String, String> fields = new HashMap<>();
    for (String cell : Arrays.copyOfRange(expected, 9, expected.length)) {
      int eq = cell.indexOf('=');
      fields.put(cell(cell.substring(0, eq)), cell(cell.substring(eq + 1)));
    }
    assertThat(event.fields()).isEqualTo(fields);
  }

  private static Instant instant(String text) {
    return text.equals("received") ? RECEIVED : Instant.parse(text);
  }

  private static String cell(String text) {
    return Fixtures.unescapeText(text);
  }
}
