package outpost.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import outpost.ingest.transport.tcp.SyslogFrame;
import outpost.ingest.transport.tcp.SyslogFrameDecoder;

/**
 * Fuzzes the TCP syslog framer (RFC 6587 octet counting and LF framing, told apart per frame) with
 * any bytes split anywhere: it never throws, never emits a frame above the limit, and releases
 * every buffer.
 */
class SyslogFrameDecoderFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void framesAnyBytesWithinTheLimit(FuzzedDataProvider data) {
    int limit = data.consumeInt(1, 512);
    List<ByteBuf> chunks = Chunks.of(data);
    EmbeddedChannel channel = new EmbeddedChannel(new SyslogFrameDecoder(limit));
    try {
      for (ByteBuf chunk : chunks) {
        channel.writeInbound(chunk);
        drain(channel, limit);
      }
      channel.finish();
      drain(channel, limit);
    } finally {
      channel.finishAndReleaseAll();
    }
    assertThat(chunks).allSatisfy(c -> assertThat(c.refCnt()).isZero());
  }

  private static void drain(EmbeddedChannel channel, int limit) {
    for (Object o; (o = channel.readInbound()) != null; ) {
      SyslogFrame frame = (SyslogFrame) o;
      assertThat(frame.bytes().length).isLessThanOrEqualTo(limit);
      assertThat(frame.originalLength()).isGreaterThanOrEqualTo(frame.bytes().length);
    }
  }
}
