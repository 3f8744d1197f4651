package outpost.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.List;
import outpost.ingest.transport.relp.RelpFrame;
import outpost.ingest.transport.relp.RelpFrameDecoder;
import outpost.ingest.transport.relp.RelpFrameException;

/**
 * Fuzzes the RELP framer alone with any bytes split anywhere: the only exception is the documented
 * {@link RelpFrameException} (wrapped by Netty), at most once; frames respect every limit; every
 * buffer is released.
 */
class RelpFrameDecoderFuzzTest {

  @FuzzTest(maxDuration = "5s")
  @DictionaryEntries({"syslog", "open", "close", " 0", "999999999", "commands=syslog"})
  void framesAnyBytesOrFailsWithAFrameError(FuzzedDataProvider data) {
    int limit = data.consumeInt(1, 256);
    List<ByteBuf> chunks = Chunks.of(data);
    EmbeddedChannel channel = new EmbeddedChannel(new RelpFrameDecoder(limit));
    int failures = 0;
    try {
      for (ByteBuf chunk : chunks) {
        try {
          channel.writeInbound(chunk);
        } catch (DecoderException e) {
          assertThat(e.getCause()).isInstanceOf(RelpFrameException.class);
          failures++;
        }
        for (Object o; (o = channel.readInbound()) != null; ) {
          RelpFrame frame = (RelpFrame) o;
          assertThat(frame.txnr()).isBetween(0, RelpFrameDecoder.MAX_TXNR);
          assertThat(frame.command()).hasSizeBetween(1, RelpFrameDecoder.MAX_COMMAND_CHARS);
          assertThat(frame.data().length).isLessThanOrEqualTo(limit);
        }
      }
    } finally {
      channel.finishAndReleaseAll();
    }
    assertThat(failures).as("a broken stream fails once, then is discarded").isLessThanOrEqualTo(1);
    assertThat(chunks).allSatisfy(c -> assertThat(c.refCnt()).isZero());
  }
}
