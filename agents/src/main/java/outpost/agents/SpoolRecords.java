package outpost.agents;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The record format of spool segments: {@code [u32 length][u32 CRC-32C of the payload][payload]},
 * big-endian. Stateless.
 */
final class SpoolRecords {
  static final int HEADER_BYTES = 8;

  private SpoolRecords() {}

  /** The record at {@code offset}, or null when it is torn or fails its checksum. */
  static byte[] read(FileChannel ch, long offset, long size, ByteBuffer header) throws IOException {
    if (size - offset < HEADER_BYTES) {
      return null;
    }
    header.clear();
    readFully(ch, header, offset);
    header.flip();
    int length = header.getInt();
    int crc = header.getInt();
    if (length < 0 || length > Spool.MAX_RECORD_BYTES || size - offset - HEADER_BYTES < length) {
      return null;
    }
    ByteBuffer payload = ByteBuffer.allocate(length);
    readFully(ch, payload, offset + HEADER_BYTES);
    byte[] bytes = payload.array();
    return crc(bytes) == crc ? bytes : null;
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long p = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, p);
      if (n < 0) {
        throw new IOException("unexpected end of spool segment at byte " + p);
      }
      p += n;
    }
  }

  static int crc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return (int) crc.getValue();
  }

  static ByteBuffer encode(byte[] record) {
    ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + record.length);
    buf.putInt(record.length).putInt(crc(record)).put(record).flip();
    return buf;
  }

  /** Writes all of {@code buf} at {@code position} (a channel may write less than asked). */
  static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long p = position;
    while (buf.hasRemaining()) {
      p += ch.write(buf, p);
    }
  }
}
