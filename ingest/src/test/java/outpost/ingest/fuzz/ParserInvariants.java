package outpost.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import outpost.index.LogEvent;
import outpost.index.Transport;
import outpost.ingest.FrameSource;
import outpost.ingest.syslog.ParseResult;
import outpost.ingest.syslog.ParserConfig;
import outpost.ingest.syslog.SyslogEventDecoder;
import outpost.ingest.syslog.SyslogParser;

/**
 * What must hold for any text given to the syslog parsers: {@link SyslogParser} never throws and
 * returns {@code Parsed} or {@code Unparseable}; an {@code Unparseable} keeps the text; the event
 * decoder keeps the raw frame and never needs its guard against parser bugs. Stateless.
 */
final class ParserInvariants {
  private static final Instant RECEIVED = Instant.parse("2026-11-23T10:00:00Z");
  private static final SyslogParser PARSER = new SyslogParser(ParserConfig.defaults());
  private static final SyslogEventDecoder DECODER = new SyslogEventDecoder(ParserConfig.defaults());

  private ParserInvariants() {}

  static void check(String text) {
    ParseResult result = PARSER.parse(text, RECEIVED, "192.0.2.1");
    switch (result) {
      case ParseResult.Parsed parsed -> {
        assertThat(parsed.message().facility()).isBetween(0, 23);
        assertThat(parsed.message().severity()).isBetween(0, 7);
      }
      case ParseResult.Unparseable bad -> {
        assertThat(bad.raw()).isEqualTo(text);
        assertThat(bad.reason()).isNotBlank();
      }
    }
    byte[] frame = text.getBytes(StandardCharsets.UTF_8);
    LogEvent event =
        DECODER.decode(frame, new FrameSource(Transport.TCP, "192.0.2.1", RECEIVED, frame.length));
    assertThat(event.raw()).isEqualTo(new String(frame, StandardCharsets.UTF_8));
    assertThat(event.parseError()).doesNotStartWith("internal parser error");
  }
}
