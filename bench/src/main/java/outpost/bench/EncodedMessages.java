package outpost.bench;

import java.nio.ByteBuffer;

/**
 * Messages encoded once into one direct buffer, with the offsets of each message and of its
 * timestamp, so a sender only patches timestamps and hands slices to the socket. Not thread-safe:
 * each sender owns one.
 */
final class EncodedMessages {
  private final ByteBuffer buffer;
  private final int[] starts;
  private final int[] timestamps;

  private EncodedMessages(ByteBuffer buffer, int[] starts, int[] timestamps) {
    this.buffer = buffer;
    this.starts = starts;
    this.timestamps = timestamps;
  }

  static EncodedMessages of(byte[][] frames, int[] timestampWithin, int totalBytes) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(totalBytes);
    int[] starts = new int[frames.length + 1];
    int[] timestamps = new int[frames.length];
    for (int i = 0; i < frames.length; i++) {
      starts[i] = buffer.position();
      timestamps[i] = starts[i] + timestampWithin[i];
      buffer.put(frames[i]);
    }
    starts[frames.length] = buffer.position();
    return new EncodedMessages(buffer, starts, timestamps);
  }

  int count() {
    return timestamps.length;
  }

  /** Bytes of messages {@code from} (inclusive) to {@code to} (exclusive). */
  int bytes(int from, int to) {
    return starts[to] - starts[from];
  }

  /** Overwrites the timestamps of messages {@code from}..{@code to} with {@code timestamp}. */
  void stamp(int from, int to, byte[] timestamp) {
    if (timestamp.length != Timestamps.WIDTH) {
      throw new IllegalArgumentException(
          "timestamp of " + timestamp.length + " bytes, need " + Timestamps.WIDTH);
    }
    for (int i = from; i < to; i++) {
      buffer.put(timestamps[i], timestamp);
    }
  }

  /** A view of messages {@code from} (inclusive) to {@code to} (exclusive), ready to write. */
  ByteBuffer slice(int from, int to) {
    return buffer.slice(starts[from], starts[to] - starts[from]);
  }
}
