package outpost.ingest.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyslogFrameDecoderTest {
  private static final int LIMIT = 16;

  private final SyslogFrameDecoder decoder = new SyslogFrameDecoder(LIMIT);
  private final EmbeddedChannel channel = new EmbeddedChannel(decoder);
  private final List<ByteBuf> written = new ArrayList<>();

  @AfterEach
  void releasesEveryBuffer() {
    channel.finishAndReleaseAll();
    assertThat(written).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
  }

  @Test
  void decodesLfTerminatedFrames() {
    write("<13>one\n<13>two\n");

    assertThat(texts(frames())).containsExactly("<13>one", "<13>two");
  }

  @Test
  void acceptsCrLfAndNulAsTerminators() {
    write("one\r\ntwo\0three\n");

    assertThat(texts(frames())).containsExactly("one", "two", "three");
  }

  @Test
  void skipsEmptyLines() {
    write("\n\r\n\0\none\n\n");

    assertThat(texts(frames())).containsExactly("one");
  }

  @Test
  void decodesOctetCountedFrames() {
    write("5 hello12 <13>world\nxy");

    List<SyslogFrame> frames = frames();
    assertThat(texts(frames)).containsExactly("hello", "<13>world\nxy");
    assertThat(frames).noneMatch(SyslogFrame::truncated).noneMatch(SyslogFrame::invalidOctetCount);
  }

  @Test
  void dropsLfThatEndsAnOctetCountedFrame() {
    write("7 hello\r\n6 world\n");

    assertThat(texts(frames())).containsExactly("hello", "world");
  }

  @Test
  void reassemblesLfFrameSplitAcrossReads() {
    write("<13>hel");
    write("lo wo");
    assertThat(frames()).isEmpty();

    write("rld\n<13>ne", "xt\n");

    assertThat(texts(frames())).containsExactly("<13>hello world", "<13>next");
  }

  @Test
  void reassemblesOctetCountSplitAcrossReads() {
    write("1");
    write("1");
    assertThat(frames()).isEmpty();

    write(" hello", " world", "3", " ", "abc");

    assertThat(texts(frames())).containsExactly("hello world", "abc");
  }

  @Test
  void truncatesOversizeLfFrameAndDecodesTheNext() {
    for (int i = 0; i < 20; i++) {
      write("x".repeat(7));
      assertThat(decoder.bufferedBytes()).isLessThanOrEqualTo(LIMIT + 2 + 7);
    }
    write("\n<13>next\n");

    List<SyslogFrame> frames = frames();
    assertThat(texts(frames)).containsExactly("x".repeat(LIMIT), "<13>next");
    assertThat(frames.get(0).originalLength()).isEqualTo(140);
    assertThat(frames.get(0).truncated()).isTrue();
    assertThat(frames.get(1).truncated()).isFalse();
  }

  @Test
  void truncatesOversizeLfFrameArrivingInOneRead() {
    write("y".repeat(100) + "\r\n" + "<13>next\n");

    List<SyslogFrame> frames = frames();
    assertThat(texts(frames)).containsExactly("y".repeat(LIMIT), "<13>next");
    assertThat(frames.get(0).originalLength()).isEqualTo(100);
  }

  @Test
  void countsCrSplitFromItsLfOutOfTheOriginalLength() {
    write("z".repeat(40) + "\r");
    write("\nafter\n");

    List<SyslogFrame> frames = frames();
    assertThat(frames.get(0).originalLength()).isEqualTo(40);
    assertThat(texts(frames)).containsExactly("z".repeat(LIMIT), "after");
  }

  @Test
  void keepsFrameOfExactlyTheLimitWhole() {
    write("a".repeat(LIMIT) + "\r\n" + "b".repeat(LIMIT + 1) + "\n");

    List<SyslogFrame> frames = frames();
    assertThat(frames.get(0).truncated()).isFalse();
    assertThat(frames.get(0).bytes()).hasSize(LIMIT);
    assertThat(frames.get(1).truncated()).isTrue();
    assertThat(frames.get(1).originalLength()).isEqualTo(LIMIT + 1);
  }

  @Test
  void truncatesOversizeOctetCountedFrameAndDecodesTheNext() {
    String body = "0123456789".repeat(4);
    write("40 " + body.substring(0, 10));
    write(body.substring(10, 25));
    write(body.substring(25) + "5 hello");

    List<SyslogFrame> frames = frames();
    assertThat(texts(frames)).containsExactly(body.substring(0, LIMIT), "hello");
    assertThat(frames.get(0).originalLength()).isEqualTo(40);
    assertThat(frames.get(0).truncated()).isTrue();
  }

  @Test
  void neverBuffersMoreThanTheLimitOfAHugeOctetCountedFrame() {
    write("999999999 ");
    for (int i = 0; i < 50; i++) {
      write("q".repeat(10));
      assertThat(decoder.bufferedBytes()).isLessThanOrEqualTo(LIMIT + 10);
    }
    assertThat(texts(frames())).isEmpty();
  }

  @Test
  void readsBadLengthPrefixAsLfFrame() {
    write("12ab hello\n5 hello");

    List<SyslogFrame> frames = frames();
    assertThat(texts(frames)).containsExactly("12ab hello", "hello");
    assertThat(frames.get(0).invalidOctetCount()).isTrue();
    assertThat(frames.get(1).invalidOctetCount()).isFalse();
  }

  @Test
  void readsDigitsStartingAnRfc3164TimestampAsLfFrame() {
    write("12:00:01 hi\n");

    List<SyslogFrame> frames = frames();
    assertThat(texts(frames)).containsExactly("12:00:01 hi");
    assertThat(frames.get(0).invalidOctetCount()).isTrue();
  }

  @Test
  void rejectsOctetCountLongerThanNineDigits() {
    write("1234567890 x\n3 abc");

    List<SyslogFrame> frames = frames();
    assertThat(texts(frames)).containsExactly("1234567890 x", "abc");
    assertThat(frames.get(0).invalidOctetCount()).isTrue();
  }

  @Test
  void acceptsOctetCountOfNineDigits() {
    write("000000003 abc\n");
    write("100000000 ");

    assertThat(texts(frames())).containsExactly("000000003 abc");
    assertThat(decoder.bufferedBytes()).isZero();
  }

  @Test
  void yieldsNothingForEmptyInput() {
    write("");

    assertThat(frames()).isEmpty();
    assertThat(channel.finish()).isFalse();
  }

  @Test
  void decodesMixedFramingOnOneConnection() {
    write("5 hello<13>lf frame\n3 abc\r\n<13>crlf\r\n10 <13>octets", "<13>nul\0");

    assertThat(texts(frames()))
        .containsExactly("hello", "<13>lf frame", "abc", "<13>crlf", "<13>octets", "<13>nul");
  }

  @Test
  void handsOnUnterminatedLastFrameWhenStreamEnds() {
    write("one\ntwo");

    channel.finish();

    assertThat(texts(frames())).containsExactly("one", "two");
  }

  @Test
  void handsOnIncompleteOctetCountedFrameAsTruncatedWhenStreamEnds() {
    write("10 abc");

    channel.finish();

    List<SyslogFrame> frames = frames();
    assertThat(texts(frames)).containsExactly("abc");
    assertThat(frames.get(0).originalLength()).isEqualTo(10);
  }

  @Test
  void handsOnKeptPartOfOversizeFrameWhenStreamEndsWhileSkipping() {
    write("w".repeat(50));

    channel.finish();

    List<SyslogFrame> frames = frames();
    assertThat(texts(frames)).containsExactly("w".repeat(LIMIT));
    assertThat(frames.get(0).originalLength()).isEqualTo(50);
  }

  @Test
  void survivesRandomBytesAndStaysBounded() {
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] chunk = new byte[random.nextInt(40)];
      random.nextBytes(chunk);
      writeBytes(chunk);
      assertThat(decoder.bufferedBytes()).isLessThanOrEqualTo(LIMIT + 2 + chunk.length);
    }
    frames().forEach(frame -> assertThat(frame.bytes().length).isLessThanOrEqualTo(LIMIT));

    write("\n5 hello");

    assertThat(texts(frames())).endsWith("hello");
  }

  @Test
  void rejectsNonPositiveLimit() {
    assertThatThrownBy(() -> new SyslogFrameDecoder(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxFrameBytes 0");
  }

  private void write(String... chunks) {
    for (String chunk : chunks) {
      writeBytes(chunk.getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  private void writeBytes(byte[] bytes) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer(bytes.length);
    buf.writeBytes(bytes);
    written.add(buf);
    channel.writeInbound(buf);
  }

  private List<SyslogFrame> frames() {
    List<SyslogFrame> frames = new ArrayList<>();
    for (Object frame; (frame = channel.readInbound()) != null; ) {
      frames.add((SyslogFrame) frame);
    }
    return frames;
  }

  private static List<String> texts(List<SyslogFrame> frames) {
    return frames.stream()
        .map(frame -> new String(frame.bytes(), StandardCharsets.ISO_8859_1))
        .toList();
  }
}
