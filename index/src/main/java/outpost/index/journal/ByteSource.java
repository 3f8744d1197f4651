package outpost.index.journal;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteSink} wrote, from a byte array slice. Not thread-safe. Malformed input
 * raises {@link CorruptRecordException}, never an index error.
 */
public final class ByteSource {
  private final byte[] bytes;
  private final int end;
  private int position;

  public ByteSource(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.position = offset;
    this.end = offset + length;
  }

  /** Index in the array of the next byte to read. */
  public int position() {
    return position;
  }

  public boolean hasRemaining() {
    return position < end;
  }

  private void need(int n) {
    if (n < 0 || end - position < n) {
      throw new CorruptRecordException(
          "need " + n + " bytes at " + position + ", have " + (end - position));
    }
  }

  public int readByte() {
    need(1);
    return bytes[position++] & 0xFF;
  }

  public int readInt() {
    need(4);
    int v =
        ((bytes[position] & 0xFF) << 24)
            | ((bytes[position + 1] & 0xFF) << 16)
            | ((bytes[position + 2] & 0xFF) << 8)
            | (bytes[position + 3] & 0xFF);
    position += 4;
    return v;
  }

  public long readLong() {
    return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
  }

  public long readVarLong() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new CorruptRecordException("varint longer than 10 bytes at " + position);
  }

  /** Reads a varint that must fit a non-negative int no larger than {@code max}. */
  public int readLength(int max) {
    long v = readVarLong();
    if (v < 0 || v > max) {
      throw new CorruptRecordException("length " + v + " outside 0.." + max);
    }
    return (int) v;
  }

  public long readZigZag() {
    long v = readVarLong();
    return (v >>> 1) ^ -(v & 1);
  }

  public String readString() {
    int n = readLength(end - position);
    String s = new String(bytes, position, n, StandardCharsets.UTF_8);
    position += n;
    return s;
  }
}
