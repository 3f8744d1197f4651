package outpost.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import outpost.index.LogEvent;
import outpost.index.Transport;
import outpost.ingest.FrameSource;

class SyslogEventDecoderTest {
  private static final String SPECIALS = " <>[]\"\\-=:0123456789Tz.+\r\n";
  private static final Instant RECEIVED = Instant.parse("2026-11-23T10:00:00Z");

  private final SyslogEventDecoder decoder = new SyslogEventDecoder(ParserConfig.defaults());

  private LogEvent decode(byte[] frame) {
    return decoder.decode(
        frame, new FrameSource(Transport.TCP, "10.0.0.1", RECEIVED, frame.length));
  }

  @Test
  void keepsAOneMegabyteMessageWhole() {
    byte[] header = "<13>Oct 11 22:14:15 host app: ".getBytes(StandardCharsets.US_ASCII);
    byte[] frame = Arrays.copyOf(header, header.length + 1_000_000);
    Arrays.fill(frame, header.length, frame.length, (byte) 'x');
    LogEvent event = decode(frame);
    assertThat(event.parseError()).isEmpty();
    assertThat(event.app()).isEqualTo("app");
    assertThat(event.message()).hasSize(1_000_000);
  }

  @Test
  void keepsAHugeStructuredDataFrameWithinTheFieldCap() {
    StringBuilder sd = new StringBuilder("<13>1 - h a - - ");
    for (int i = 0; i < 5_000; i++) {
      sd.append("[e").append(i).append(" p=\"").append("v".repeat(20)).append("\"]");
    }
    LogEvent event = decode(sd.append(" m").toString().getBytes(StandardCharsets.US_ASCII));
    assertThat(event.parseError()).isEmpty();
    assertThat(event.message()).isEqualTo("m");
    assertThat(event.fields()).hasSize(StructuredDataParser.MAX_SD_PARAMS);
  }

  @Test
  void neverThrowsOnRandomBytes() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] frame = new byte[random.nextInt(300)];
      random.nextBytes(frame);
      if (i % 3 == 0 && frame.length > 0) {
        frame[0] = '<';
      }
      LogEvent event = decode(frame);
      assertThat(event.raw()).isEqualTo(new String(frame, StandardCharsets.UTF_8));
      assertThat(event.parseError()).doesNotStartWith("internal");
    }
  }

  @Test
  void neverThrowsOnMutatedValidFrames() {
    Random random = new Random(7);
    byte[] valid =
        ("<165>1 2003-10-11T22:14:15.003Z host app 12 ID47 [ex@32473 iut=\"3\" src=\"a\\\"b\"] "
                + "\uFEFF1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"")
            .getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 20_000; i++) {
      byte[] frame = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
      for (int m = random.nextInt(4); m > 0 && frame.length > 0; m--) {
        frame[random.nextInt(frame.length)] =
            (byte) SPECIALS.charAt(random.nextInt(SPECIALS.length()));
      }
      assertThat(decode(frame).parseError()).doesNotStartWith("internal");
    }
  }

  @Test
  void boundsRepeatedParametersAndDashChains() {
    String repeated = " p=\"x\"".repeat(20_000);
    LogEvent sd =
        decode(("<13>1 - h a - - [e" + repeated + "] m").getBytes(StandardCharsets.US_ASCII));
    assertThat(sd.fields().get("sd.e.p")).hasSize(StructuredDataParser.MAX_SD_PARAMS * 3 - 2);
    LogEvent dashes =
        decode(
            ("<13>Oct 11 22:14:15 host " + "-- ".repeat(30_000))
                .getBytes(StandardCharsets.US_ASCII));
    assertThat(dashes.parseError()).isEmpty();
    assertThat(dashes.message()).startsWith("-- -- ");
  }

  @Test
  void emptyFrameIsKeptWithAReason() {
    LogEvent event = decode(new byte[0]);
    assertThat(event.parseError()).isEqualTo("empty frame");
    assertThat(event.host()).isEqualTo("10.0.0.1");
    assertThat(event.timestamp()).isEqualTo(RECEIVED);
  }

  @Test
  void recordsTransportAndArrivalTime() {
    LogEvent event = decode("<13>Oct 11 22:14:15 host app: m".getBytes(StandardCharsets.US_ASCII));
    assertThat(event.transport()).isEqualTo("tcp");
    assertThat(event.received()).isEqualTo(RECEIVED);
  }
}
