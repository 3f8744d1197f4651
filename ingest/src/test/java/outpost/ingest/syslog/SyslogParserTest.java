package outpost.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyslogParserTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-23T10:00:00Z");

  private final SyslogParser parser = new SyslogParser(ParserConfig.defaults());

  private ParseResult parse(String text) {
    return parser.parse(text, RECEIVED, "192.0.2.1");
  }

  @Test
  void returnsParsedWithTheFormatAndStructuredData() {
    ParseResult result = parse("<165>1 2003-10-11T22:14:15.003Z h app 42 ID1 [a@1 k=\"v\"] hello");
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    SyslogMessage m = ((ParseResult.Parsed) result).message();
    assertThat(m.format()).isEqualTo(SyslogMessage.Format.RFC5424);
    assertThat(m.timestamp()).isEqualTo(Instant.parse("2003-10-11T22:14:15.003Z"));
    assertThat(m.fields()).containsExactly(java.util.Map.entry("sd.a@1.k", "v"));
    assertThat(m.message()).isEqualTo("hello");
  }

  @Test
  void returnsRfc3164WithoutTimestampAsNullTimestamp() {
    ParseResult result = parse("<13>last message repeated 5 times");
    SyslogMessage m = ((ParseResult.Parsed) result).message();
    assertThat(m.format()).isEqualTo(SyslogMessage.Format.RFC3164);
    assertThat(m.timestamp()).isNull();
    assertThat(m.host()).isEmpty();
  }

  @Test
  void returnsUnparseableWithRawTextAndReason() {
    assertThat(parse("<999>x"))
        .isEqualTo(new ParseResult.Unparseable("<999>x", "PRI 999 exceeds limit 191"));
    assertThat(parse("")).isEqualTo(new ParseResult.Unparseable("", "empty frame"));
  }

  @Test
  void keepsTheHeaderOfAFrameWithBrokenStructuredData() {
    ParseResult result = parse("<165>1 - h app - - [broken rest");
    assertThat(result).isInstanceOf(ParseResult.Unparseable.class);
    ParseResult.Unparseable bad = (ParseResult.Unparseable) result;
    assertThat(bad.reason())
        .isEqualTo("STRUCTURED-DATA ends where '=' after PARAM-NAME rest was expected");
    assertThat(bad.header().host()).isEqualTo("h");
    assertThat(bad.header().message()).isEqualTo("[broken rest");
  }
}
