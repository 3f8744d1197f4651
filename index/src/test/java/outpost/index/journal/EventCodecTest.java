package outpost.index.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import outpost.index.LogEvent;

class EventCodecTest {
  static LogEvent roundTrip(LogEvent e) {
    ByteSink sink = new ByteSink(16);
    EventCodec.encode(e, sink);
    ByteSource in = new ByteSource(sink.array(), 0, sink.size());
    LogEvent back = EventCodec.decode(in);
    assertThat(in.hasRemaining()).isFalse();
    return back;
  }

  @Test
  void roundTripsAnAccessLogEventWithReferencesIntoRawAndMessage() {
    String msg = "10.0.0.5 - - [x] \"GET /wp-login.php HTTP/1.1\" 404 123 \"-\" \"curl\"";
    LogEvent e =
        new LogEvent(
            Instant.parse("2026-01-02T03:04:05.123456789Z"),
            Instant.parse("2026-01-02T03:04:06Z"),
            "web-1",
            "apache",
            "123",
            "ID47",
            16,
            6,
            msg,
            "<134>1 ... " + msg,
            Map.of(
                "client_ip",
                "10.0.0.5",
                "path",
                "/wp-login.php",
                "status",
                "404",
                "sd.origin@1.x",
                "välue"),
            "tcp",
            "");
    ByteSink sink = new ByteSink(16);
    EventCodec.encode(e, sink);
    // message and field values are references into raw, not copies
    int copies =
        e.raw().length()
            + e.message().length()
            + e.fields().values().stream().mapToInt(String::length).sum();
    assertThat(sink.size()).isLessThan(copies);
    assertThat(roundTrip(e)).isEqualTo(e);
  }

  @Test
  void roundTripsUnicodeEmptyFieldsAndAMessageThatIsNotInRaw() {
    LogEvent e =
        new LogEvent(
            Instant.EPOCH.minusSeconds(5),
            Instant.EPOCH,
            "",
            "",
            "",
            "",
            23,
            0,
            "zoë 日本 \uD83D\uDE00",
            "raw without it",
            Map.of(),
            "udp",
            "no PRI");
    assertThat(roundTrip(e)).isEqualTo(e);
  }

  @Test
  void truncatedInputIsACorruptRecordNotAnIndexError() {
    LogEvent e =
        new LogEvent(
            Instant.EPOCH, Instant.EPOCH, "h", "a", "", "", 1, 1, "m", "r", Map.of(), "", "");
    ByteSink sink = new ByteSink(16);
    EventCodec.encode(e, sink);
    for (int cut = 0; cut < sink.size(); cut++) {
      ByteSource in = new ByteSource(sink.array(), 0, cut);
      assertThatThrownBy(() -> EventCodec.decode(in)).isInstanceOf(CorruptRecordException.class);
    }
  }
}
