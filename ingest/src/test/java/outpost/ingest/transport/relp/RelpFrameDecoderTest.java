package outpost.ingest.transport.relp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelpFrameDecoderTest {
  private final List<ByteBuf> written = new ArrayList<>();
  private EmbeddedChannel channel = new EmbeddedChannel(new RelpFrameDecoder(16));

  @AfterEach
  void released() {
    channel.finishAndReleaseAll();
    assertThat(written).allSatisfy(b -> assertThat(b.refCnt()).isZero());
  }

  @Test
  void decodesFramesWithAndWithoutData() {
    write("1 open 3 a=b\n2 close 0\n");

    RelpFrame open = channel.readInbound();
    assertThat(open.txnr()).isEqualTo(1);
    assertThat(open.command()).isEqualTo("open");
    assertThat(text(open)).isEqualTo("a=b");
    RelpFrame close = channel.readInbound();
    assertThat(close.command()).isEqualTo("close");
    assertThat(close.data()).isEmpty();
    assertThat(close.dataLength()).isZero();
    assertThat((Object) channel.readInbound()).isNull();
  }

  @Test
  void joinsFramesSplitAtEveryByte() {
    byte[] bytes = ascii("12 syslog 5 <13>x\n13 syslog 2 \n\n\n");
    for (byte b : bytes) {
      write(new byte[] {b});
    }

    RelpFrame first = channel.readInbound();
    assertThat(first.txnr()).isEqualTo(12);
    assertThat(text(first)).isEqualTo("<13>x");
    RelpFrame second = channel.readInbound();
    assertThat(second.txnr()).isEqualTo(13);
    // data may hold LF: DATALEN, not the trailer, ends it
    assertThat(text(second)).isEqualTo("\n\n");
  }

  @Test
  void cutsDataLongerThanTheLimitAndKeepsTheLengthSent() {
    String data = "<13>" + "x".repeat(40);
    write("7 syslog " + data.length() + " " + data + "\n8 syslog 4 <13>\n");

    RelpFrame cut = channel.readInbound();
    assertThat(cut.data()).hasSize(16);
    assertThat(cut.dataLength()).isEqualTo(data.length());
    assertThat(cut.truncated()).isTrue();
    RelpFrame next = channel.readInbound();
    assertThat(next.txnr()).isEqualTo(8);
    assertThat(next.truncated()).isFalse();
  }

  @Test
  void acceptsTheLargestTransactionNumber() {
    write("999999999 syslog 1 x\n");

    RelpFrame frame = channel.readInbound();
    assertThat(frame.txnr()).isEqualTo(RelpFrameDecoder.MAX_TXNR);
  }

  @Test
  void rejectsTransactionNumberLongerThanNineDigits() {
    assertRejected("1234567890 syslog 1 x\n", 0, "transaction number longer than 9 digits");
  }

  @Test
  void rejectsTransactionNumberThatIsNotANumber() {
    assertRejected("x1 syslog 1 x\n", 0, "transaction number: expected a digit, got 'x'");
  }

  @Test
  void rejectsEmptyCommand() {
    assertRejected("3  1 x\n", 3, "command: expected a letter, got 0x20");
  }

  @Test
  void rejectsCommandLongerThanLimit() {
    assertRejected("3 " + "a".repeat(33) + " 0\n", 3, "command longer than 32 letters");
  }

  @Test
  void rejectsDataLengthLongerThanNineDigits() {
    assertRejected("4 syslog 1000000000 x\n", 4, "data length longer than 9 digits");
  }

  @Test
  void rejectsMissingDataLength() {
    assertRejected("4 syslog x\n", 4, "data length: expected a digit, got 'x'");
  }

  @Test
  void rejectsMissingTrailer() {
    assertRejected("5 syslog 3 abcX", 5, "expected the LF trailer after 3 data bytes, got 'X'");
  }

  @Test
  void rejectsSpaceAfterZeroDataLength() {
    assertRejected("6 close 0 \n", 6, "expected the LF trailer after 0 data bytes, got 0x20");
  }

  @Test
  void discardsEverythingAfterAFramingError() {
    assertThatThrownBy(() -> write("x\n1 open 0\n")).isInstanceOf(DecoderException.class);

    write("2 syslog 3 abc\n");

    assertThat((Object) channel.readInbound()).isNull();
  }

  @Test
  void emitsNothingForAnIncompleteFrame() {
    write("9 syslog 10 abc");

    assertThat((Object) channel.readInbound()).isNull();
  }

  private void assertRejected(String input, int txnr, String reason) {
    assertThatThrownBy(() -> write(input))
        .isInstanceOf(DecoderException.class)
        .cause()
        .isInstanceOfSatisfying(
            RelpFrameException.class,
            e -> {
              assertThat(e.txnr()).isEqualTo(txnr);
              assertThat(e.getMessage()).isEqualTo(reason);
            });
    assertThat((Object) channel.readInbound()).isNull();
  }

  private void write(String text) {
    write(ascii(text));
  }

  private void write(byte[] bytes) {
    ByteBuf buf = Unpooled.copiedBuffer(bytes);
    written.add(buf);
    channel.writeInbound(buf);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String text(RelpFrame frame) {
    return new String(frame.data(), StandardCharsets.UTF_8);
  }
}
