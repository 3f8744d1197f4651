package outpost.ingest.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits fuzzer input into the byte chunks a socket might deliver, so decoders see frames split at
 * any point. Stateless.
 */
final class Chunks {
  /** Most chunks one input is cut into. */
  static final int MAX_CHUNKS = 16;

  private Chunks() {}

  /** Consumes the rest of {@code data} as up to {@link #MAX_CHUNKS} buffers. */
  static List<ByteBuf> of(FuzzedDataProvider data) {
    int count = data.consumeInt(1, MAX_CHUNKS);
    List<ByteBuf> chunks = new ArrayList<>(count);
    for (int i = 0; i < count - 1; i++) {
      int length = data.consumeInt(0, Math.max(0, data.remainingBytes() / 2));
      chunks.add(buffer(data.consumeBytes(length)));
    }
    chunks.add(buffer(data.consumeRemainingAsBytes()));
    return chunks;
  }

  /** A releasable buffer even when empty (the shared empty buffer is never released). */
  private static ByteBuf buffer(byte[] bytes) {
    return Unpooled.buffer(bytes.length).writeBytes(bytes);
  }
}
