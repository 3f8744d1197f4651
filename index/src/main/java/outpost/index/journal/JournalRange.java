package outpost.index.journal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Finds the part of a segment a backup needs: the whole, checksummed records holding events after
 * the checkpoint and none beyond the durable position. Records already in the index (the active
 * segment keeps them until it rolls), a record being written, records appended after the backup's
 * durable position and a torn tail are left out, so the copy replays exactly that range. Stateless;
 * reads the file once, one record at a time.
 */
public final class JournalRange {
  private JournalRange() {}

  /**
   * A run of whole records in a segment.
   *
   * @param start offset of the first record with an event after the checkpoint
   * @param end offset after the last record kept; equal to {@code start} when none is kept
   * @param firstSeq the first event of the record at {@code start}, 0 when none is kept
   * @param lastSeq the last event kept, 0 when none is kept
   */
  public record Range(long start, long end, long firstSeq, long lastSeq) {
    public boolean isEmpty() {
      return end <= start;
    }
  }

  /** The records of {@code segment} with events after {@code afterSeq}, up to {@code maxSeq}. */
  public static Range scan(Path segment, long afterSeq, long maxSeq) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(segment), 1 << 16))) {
      byte[] magic = in.readNBytes(JournalRecords.MAGIC.length);
      if (!Arrays.equals(magic, JournalRecords.MAGIC)) {
        return new Range(0, 0, 0, 0);
      }
      long size = Files.size(segment);
      long offset = magic.length;
      long start = -1;
      long firstSeq = 0;
      long lastSeq = 0;
      byte[] body = new byte[0];
      while (true) {
        int length;
        int crc;
        try {
          length = in.readInt();
          crc = in.readInt();
        } catch (EOFException e) {
          break;
        }
        // a damaged length must not make us allocate more than the file can hold
        if (length < 12 || length > size - offset - JournalRecords.HEADER_BYTES) {
          break;
        }
        if (body.length < length) {
          body = new byte[length];
        }
        if (in.readNBytes(body, 0, length) < length
            || !JournalRecords.checksumMatches(body, 0, length, crc)) {
          break;
        }
        long first = JournalRecords.firstSeq(body, 0);
        long last = first + JournalRecords.count(body, 0) - 1;
        if (last > maxSeq) {
          break;
        }
        if (start < 0 && last > afterSeq) {
          start = offset;
          firstSeq = first;
        }
        offset += JournalRecords.HEADER_BYTES + length;
        lastSeq = last;
      }
      return start < 0
          ? new Range(offset, offset, 0, 0)
          : new Range(start, offset, firstSeq, lastSeq);
    }
  }
}
