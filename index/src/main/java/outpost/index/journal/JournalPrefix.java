package outpost.index.journal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Finds how much of a segment a backup copies: the bytes up to the end of the last whole record
 * whose events are all at or below a given sequence number. A record being written (or appended
 * after the backup's durable position) and a torn tail are left out, so the copy replays exactly up
 * to that position. Stateless; reads the file once, one record at a time.
 */
public final class JournalPrefix {
  private JournalPrefix() {}

  /**
   * A segment's prefix.
   *
   * @param length bytes; 0 when the file does not even start with the segment header
   * @param lastSeq the last event in it, 0 when it holds no record
   */
  public record Prefix(long length, long lastSeq) {}

  /**
   * The prefix of {@code segment} holding whole, checksummed records with events up to {@code
   * maxSeq}.
   */
  public static Prefix scan(Path segment, long maxSeq) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(segment), 1 << 16))) {
      byte[] magic = in.readNBytes(JournalRecords.MAGIC.length);
      if (!Arrays.equals(magic, JournalRecords.MAGIC)) {
        return new Prefix(0, 0);
      }
      long size = Files.size(segment);
      long valid = magic.length;
      long lastSeq = 0;
      byte[] body = new byte[0];
      while (true) {
        int length;
        int crc;
        try {
          length = in.readInt();
          crc = in.readInt();
        } catch (EOFException e) {
          return new Prefix(valid, lastSeq);
        }
        // a damaged length must not make us allocate more than the file can hold
        if (length < 12 || length > size - valid - JournalRecords.HEADER_BYTES) {
          return new Prefix(valid, lastSeq);
        }
        if (body.length < length) {
          body = new byte[length];
        }
        if (readFully(in, body, length) < length
            || !JournalRecords.checksumMatches(body, 0, length, crc)) {
          return new Prefix(valid, lastSeq);
        }
        long last = JournalRecords.firstSeq(body, 0) + JournalRecords.count(body, 0) - 1;
        if (last > maxSeq) {
          return new Prefix(valid, lastSeq);
        }
        valid += JournalRecords.HEADER_BYTES + length;
        lastSeq = last;
      }
    }
  }

  private static int readFully(InputStream in, byte[] into, int length) throws IOException {
    return in.readNBytes(into, 0, length);
  }
}
