package outpost.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import outpost.index.LogEvent;
import outpost.index.Syslog;
import outpost.index.Transport;
import outpost.ingest.FrameSource;

/**
 * Runs the fixture files named after the deviation they test ({@code rfc3164/no_hostname.txt},
 * ...). Format: a frame on an unindented line (escapes {@code \t \n \r \\ \xNN}), then indented
 * {@code key=value} expectations; {@code @received}, {@code @sender} and {@code @originalLength}
 * set the frame's source. Lines starting with {@code #} are comments.
 */
class DeviationFixturesTest {
  static final Instant DEFAULT_RECEIVED = Instant.parse("2026-11-23T10:00:00Z");
  static final String DEFAULT_SENDER = "192.0.2.99";

  /** Per-host zones the fixtures rely on; the listener default is UTC. */
  static final ParserConfig CONFIG =
      new ParserConfig(
          ZoneId.of("UTC"),
          List.of(
              new HostZone("web-*", ZoneId.of("Europe/Berlin")),
              new HostZone("*.tokyo", ZoneId.of("Asia/Tokyo")),
              new HostZone("10.1.*", ZoneId.of("America/New_York"))));

  private final SyslogEventDecoder decoder = new SyslogEventDecoder(CONFIG);

  record Case(String frame, List<String> expectations) {}

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> all = new ArrayList<>();
    for (String dir : List.of("rfc3164", "rfc5424", "decoder")) {
      try (Stream<Path> files = Files.list(Fixtures.directory(dir))) {
        for (Path file : files.sorted().toList()) {
          String name = dir + "/" + file.getFileName();
          readCases(file).forEach((line, c) -> all.add(Arguments.of(name + ":" + line, c)));
        }
      }
    }
    assertThat(all).hasSizeGreaterThan(50);
    return all.stream();
  }

  private static java.util.Map<Integer, Case> readCases(Path file) throws IOException {
    java.util.Map<Integer, Case> cases = new java.util.LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Case current = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      if (line.startsWith("  ")) {
        current.expectations().add(line.substring(2));
      } else {
        current = new Case(line, new ArrayList<>());
        cases.put(i + 1, current);
      }
    }
    cases.values().forEach(c -> assertThat(c.expectations()).as(c.frame()).isNotEmpty());
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decodesAsTheFixtureSays(String where, Case c) {
    byte[] frame = Fixtures.unescape(c.frame());
    Instant received = DEFAULT_RECEIVED;
    String sender = DEFAULT_SENDER;
    int originalLength = frame.length;
    for (String e : c.expectations()) {
      String value = e.substring(e.indexOf('=') + 1);
      switch (e.substring(0, e.indexOf('='))) {
        case "@received" -> received = Instant.parse(value);
        case "@sender" -> sender = value;
        case "@originalLength" -> originalLength = Integer.parseInt(value);
        default -> {}
      }
    }
    LogEvent event =
        decoder.decode(frame, new FrameSource(Transport.TCP, sender, received, originalLength));
    boolean errorExpected = false;
    for (String e : c.expectations()) {
      String key = e.substring(0, e.indexOf('='));
      String value = Fixtures.unescapeText(e.substring(e.indexOf('=') + 1));
      switch (key) {
        case "@received", "@sender", "@originalLength" -> {}
        case "timestamp" -> assertThat(event.timestamp()).as(e).isEqualTo(Instant.parse(value));
        case "host" -> assertThat(event.host()).as(e).isEqualTo(value);
        case "app" -> assertThat(event.app()).as(e).isEqualTo(value);
        case "procid" -> assertThat(event.procId()).as(e).isEqualTo(value);
        case "msgid" -> assertThat(event.msgId()).as(e).isEqualTo(value);
        case "facility" -> assertThat(Syslog.facilityName(event.facility())).as(e).isEqualTo(value);
        case "severity" -> assertThat(Syslog.severityName(event.severity())).as(e).isEqualTo(value);
        case "message" -> assertThat(event.message()).as(e).isEqualTo(value);
        case "raw" -> assertThat(event.raw()).as(e).isEqualTo(value);
        case "error" -> {
          errorExpected = true;
          assertThat(event.parseError()).as(e).startsWith(value).isNotEmpty();
        }
        case "nofield" -> assertThat(event.fields()).as(e).doesNotContainKey(value);
        default -> {
          assertThat(key).as("unknown expectation " + e).startsWith("field.");
          assertThat(event.fields()).as(e).containsEntry(key.substring(6), value);
        }
      }
    }
    if (!errorExpected) {
      assertThat(event.parseError()).as("parse error").isEmpty();
    }
  }
}
