package outpost.index.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the journal back on start. Each record's length and CRC32C are verified. A bad record
 * followed by valid ones (damage inside a segment) is skipped up to the next record whose checksum
 * holds; a bad tail with nothing valid after it (a torn write, garbage, a short read) ends the
 * segment, which is truncated there. Both are logged with segment and offset and reported in {@link
 * Result#truncations()}. Not thread-safe; run before the writer starts.
 */
public final class JournalReplay {
  private static final Logger log = LoggerFactory.getLogger(JournalReplay.class);

  /** A record body holds at least its first sequence number and event count. */
  private static final int MIN_RECORD_BYTES = 12;

  /** A record found while skipping damage must continue the sequence within this distance. */
  private static final long MAX_SEQUENCE_GAP = 1L << 32;

  /** Receives the batches that hold at least one event after the committed position. */
  @FunctionalInterface
  public interface BatchConsumer {
    void accept(JournaledBatch batch) throws IOException;
  }

  /**
   * What replay found.
   *
   * @param nextSeq the sequence number the next appended event gets
   * @param activeSegment the last segment, or null when there is none
   * @param activeLength bytes of the active segment that are valid
   * @param replayedEvents events handed to the consumer
   * @param truncations human-readable description of each corrupt tail cut off and each damaged
   *     range skipped
   */
  public record Result(
      long nextSeq,
      Path activeSegment,
      long activeLength,
      long replayedEvents,
      List<String> truncations) {
    public Result {
      truncations = List.copyOf(truncations);
    }
  }

  private JournalReplay() {}

  /**
   * Replays every record holding events with sequence numbers above {@code committedSeq}.
   *
   * @param minNextSeq lower bound for {@link Result#nextSeq()} (the committed position + 1), so ids
   *     keep increasing when all segments were deleted
   */
  public static Result replay(
      JournalSegments segments, long committedSeq, long minNextSeq, BatchConsumer consumer)
      throws IOException {
    List<Map.Entry<Long, Path>> list = segments.list();
    long nextSeq = minNextSeq;
    long replayed = 0;
    Path active = null;
    long activeLength = 0;
    List<String> truncations = new java.util.ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Path file = list.get(i).getValue();
      nextSeq = Math.max(nextSeq, list.get(i).getKey());
      boolean last = i == list.size() - 1;
      if (!last && list.get(i + 1).getKey() - 1 <= committedSeq) {
        continue; // fully committed; deleted after the next commit
      }
      SegmentScan scan = new SegmentScan(file, Files.readAllBytes(file), committedSeq, consumer);
      scan.run();
      nextSeq = Math.max(nextSeq, scan.nextSeq);
      replayed += scan.replayed;
      for (String skip : scan.skips) {
        log.warn(skip);
        truncations.add(skip);
      }
      if (scan.corruption != null) {
        String what =
            "journal segment "
                + file
                + " corrupt at offset "
                + scan.validLength
                + ": "
                + scan.corruption
                + "; truncated "
                + (scan.size - scan.validLength)
                + " bytes";
        log.warn(what);
        truncations.add(what);
        if (!last) {
          truncate(file, scan.validLength);
        }
      }
      if (last) {
        active = file;
        activeLength = scan.validLength;
      }
    }
    return new Result(nextSeq, active, activeLength, replayed, truncations);
  }

  private static void truncate(Path file, long length) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(length);
      ch.force(true);
    }
  }

  /** Walks the records of one segment held in memory. */
  private static final class SegmentScan {
    private final Path file;
    private final byte[] bytes;
    private final long committedSeq;
    private final BatchConsumer consumer;
    final int size;
    long nextSeq;
    long replayed;
    int validLength;
    String corruption;
    final List<String> skips = new java.util.ArrayList<>();

    SegmentScan(Path file, byte[] bytes, long committedSeq, BatchConsumer consumer) {
      this.file = file;
      this.bytes = bytes;
      this.size = bytes.length;
      this.committedSeq = committedSeq;
      this.consumer = consumer;
    }

    void run() throws IOException {
      int magic = JournalRecords.MAGIC.length;
      if (size < magic || !Arrays.equals(bytes, 0, magic, JournalRecords.MAGIC, 0, magic)) {
        corruption = "missing segment header";
        return;
      }
      validLength = magic;
      while (validLength < size && corruption == null) {
        String bad = readRecord(validLength);
        if (bad != null) {
          int next = nextValidRecord(validLength + 1);
          if (next < 0) {
            corruption = bad; // a torn tail: nothing valid follows
          } else {
            // Damage inside the segment (not a torn write): skip to the next record whose
            // checksum holds, so one bad record does not cost everything written after it.
            skips.add(
                "journal segment "
                    + file
                    + " corrupt at offset "
                    + validLength
                    + ": "
                    + bad
                    + "; skipped "
                    + (next - validLength)
                    + " bytes to the next valid record");
            validLength = next;
          }
        }
      }
    }

    /**
     * Cheap check before the checksum: sequence numbers only grow, and a record holds at least one
     * event. Keeps the scan from hashing megabytes at every offset of a damaged region.
     */
    private boolean plausibleSequence(int body, int length) {
      long first = JournalRecords.firstSeq(bytes, body);
      int count = JournalRecords.count(bytes, body);
      return first >= nextSeq
          && first - nextSeq < MAX_SEQUENCE_GAP
          && count >= 1
          && count <= length;
    }

    /** Offset of the first record at or after {@code from} whose length and checksum hold. */
    private int nextValidRecord(int from) {
      for (int pos = from; pos + JournalRecords.HEADER_BYTES <= size; pos++) {
        ByteSource header = new ByteSource(bytes, pos, JournalRecords.HEADER_BYTES);
        int length = header.readInt();
        int crc = header.readInt();
        int body = pos + JournalRecords.HEADER_BYTES;
        if (length >= MIN_RECORD_BYTES
            && length <= JournalRecords.MAX_RECORD_BYTES
            && length <= size - body
            && plausibleSequence(body, length)
            && JournalRecords.checksumMatches(bytes, body, length, crc)) {
          return pos;
        }
      }
      return -1;
    }

    /** Reads the record at {@code pos}; returns why it is corrupt, or null after consuming it. */
    private String readRecord(int pos) throws IOException {
      if (size - pos < JournalRecords.HEADER_BYTES) {
        return "short header (" + (size - pos) + " bytes)";
      }
      ByteSource header = new ByteSource(bytes, pos, JournalRecords.HEADER_BYTES);
      int length = header.readInt();
      int crc = header.readInt();
      int body = pos + JournalRecords.HEADER_BYTES;
      if (length < MIN_RECORD_BYTES || length > JournalRecords.MAX_RECORD_BYTES) {
        return "bad length " + length;
      }
      if (length > size - body) {
        return "short read: length " + length + ", " + (size - body) + " bytes left";
      }
      if (!JournalRecords.checksumMatches(bytes, body, length, crc)) {
        return "bad checksum";
      }
      long first = JournalRecords.firstSeq(bytes, body);
      int count = JournalRecords.count(bytes, body);
      if (first + count - 1 > committedSeq) {
        JournaledBatch batch;
        try {
          batch = JournalRecords.decode(bytes, body, length);
        } catch (CorruptRecordException e) {
          return "undecodable record in " + file.getFileName() + ": " + e.getMessage();
        }
        consumer.accept(batch);
        replayed += count;
      }
      nextSeq = Math.max(nextSeq, first + count);
      validLength = body + length;
      return null;
    }
  }
}
