package outpost.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import outpost.index.LogEvent;
import outpost.index.Transport;
import outpost.ingest.FrameSource;

/**
 * The loghub 2k samples (Zhu et al., "Loghub", ISSRE 2023): every line yields an event; the BSD
 * syslog files parse with meaningful fields; the non-syslog files are kept raw with a reason.
 */
class LoghubSamplesTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-23T10:00:00Z");
  private static final String SENDER = "198.51.100.7";

  private final SyslogEventDecoder decoder = new SyslogEventDecoder(ParserConfig.defaults());

  private List<LogEvent> decodeAll(String file) {
    List<byte[]> lines = Fixtures.lines("loghub/" + file);
    assertThat(lines).as(file).hasSize(2000);
    return lines.stream()
        .map(b -> decoder.decode(b, new FrameSource(Transport.UDP, SENDER, RECEIVED, b.length)))
        .toList();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Linux_2k.log",
        "OpenSSH_2k.log",
        "Thunderbird_2k.log",
        "Apache_2k.log",
        "Zookeeper_2k.log"
      })
  void everyLineYieldsAnEventThatKeepsTheRawLine(String file) {
    List<byte[]> lines = Fixtures.lines("loghub/" + file);
    List<LogEvent> events = decodeAll(file);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).raw()).isEqualTo(new String(lines.get(i), StandardCharsets.UTF_8));
    }
  }

  @Test
  void openSshLinesParseWithHostAppAndPid() {
    List<LogEvent> events = decodeAll("OpenSSH_2k.log");
    assertThat(events).allSatisfy(e -> assertThat(e.parseError()).isEmpty());
    assertThat(events).allSatisfy(e -> assertThat(e.host()).isEqualTo("LabSZ"));
    assertThat(events).allSatisfy(e -> assertThat(e.app()).isEqualTo("sshd"));
    assertThat(events).allSatisfy(e -> assertThat(e.procId()).matches("[0-9]+"));
    LogEvent first = events.get(0);
    assertThat(first.procId()).isEqualTo("24200");
    assertThat(first.timestamp()).isEqualTo(Instant.parse("2025-12-10T06:55:46Z"));
    assertThat(first.message()).startsWith("reverse mapping checking getaddrinfo");
    assertThat(first.facility()).isEqualTo(1);
    assertThat(first.severity()).isEqualTo(5);
  }

  @Test
  void linuxLinesParseWithHostAndTagVariants() {
    List<LogEvent> events = decodeAll("Linux_2k.log");
    assertThat(events).allSatisfy(e -> assertThat(e.parseError()).isEmpty());
    assertThat(events).allSatisfy(e -> assertThat(e.host()).isEqualTo("combo"));
    assertThat(events).allSatisfy(e -> assertThat(e.app()).isNotEmpty());
    LogEvent first = events.get(0);
    assertThat(first.app()).isEqualTo("sshd(pam_unix)");
    assertThat(first.procId()).isEqualTo("19939");
    assertThat(first.timestamp()).isEqualTo(Instant.parse("2026-06-14T15:16:01Z"));
    // 1,080 lines end in a space before the CR; the space is message text
    assertThat(first.message()).endsWith("rhost=218.188.2.4 ");
    assertThat(events)
        .anySatisfy(e -> assertThat(e.app()).isEqualTo("syslogd"))
        .anySatisfy(e -> assertThat(e.app()).isEqualTo("root"));
  }

  @Test
  void thunderbirdLinesWithLeadingColumnsAreKeptRawWithAReason() {
    // each line starts "- <epoch> <date> <node>": loghub's columns, not something a sender emits
    assertThat(decodeAll("Thunderbird_2k.log"))
        .allSatisfy(e -> assertThat(e.parseError()).startsWith("no PRI and no timestamp"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Apache_2k.log", "Zookeeper_2k.log"})
  void nonSyslogFilesAreKeptRawWithAReason(String file) {
    assertThat(decodeAll(file))
        .allSatisfy(
            e -> {
              assertThat(e.parseError()).isEqualTo("no PRI and no timestamp: not a syslog message");
              assertThat(e.message()).isEqualTo(e.raw());
              assertThat(e.host()).isEqualTo(SENDER);
              assertThat(e.timestamp()).isEqualTo(RECEIVED);
            });
  }
}
