package outpost.index.journal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte array with varint and UTF-8 writers, reused across encodings to avoid per-event
 * allocation. Not thread-safe: each thread owns its own.
 */
public final class ByteSink {
  private byte[] bytes;
  private int size;

  public ByteSink(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  /** Forgets the content, keeping the capacity. */
  public void clear() {
    size = 0;
  }

  public int size() {
    return size;
  }

  /** The backing array; valid up to {@link #size()} until the next write. */
  public byte[] array() {
    return bytes;
  }

  /** A view over the content, valid until the next write. */
  public ByteBuffer asBuffer() {
    return ByteBuffer.wrap(bytes, 0, size);
  }

  /** Truncates to {@code newSize} bytes (used to roll back a partially encoded record). */
  public void truncate(int newSize) {
    size = newSize;
  }

  private void ensure(int extra) {
    if (size + extra > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
    }
  }

  public void writeByte(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  public void writeIntAt(int position, int value) {
    bytes[position] = (byte) (value >>> 24);
    bytes[position + 1] = (byte) (value >>> 16);
    bytes[position + 2] = (byte) (value >>> 8);
    bytes[position + 3] = (byte) value;
  }

  public void writeInt(int value) {
    ensure(4);
    writeIntAt(size, value);
    size += 4;
  }

  public void writeLong(long value) {
    writeInt((int) (value >>> 32));
    writeInt((int) value);
  }

  public void writeVarLong(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    bytes[size++] = (byte) value;
  }

  public void writeZigZag(long value) {
    writeVarLong((value << 1) ^ (value >> 63));
  }

  /** Writes the UTF-8 byte length as a varint, then the bytes. */
  public void writeString(String s) {
    if (s.isEmpty()) {
      writeByte(0);
      return;
    }
    // String.getBytes is an intrinsic copy for Latin-1 strings: faster than a char loop
    byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    writeVarLong(utf8.length);
    write(utf8, 0, utf8.length);
  }

  /** Appends raw bytes. */
  public void write(byte[] src, int offset, int length) {
    ensure(length);
    System.arraycopy(src, offset, bytes, size, length);
    size += length;
  }
}
