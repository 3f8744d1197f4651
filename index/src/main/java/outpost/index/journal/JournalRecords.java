package outpost.index.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import outpost.index.LogEvent;

/**
 * The on-disk record format: {@code int length, int crc32c, long firstSeq, int count, events},
 * where {@code length} counts the bytes after the checksum and the CRC32C covers those same bytes.
 * Each segment starts with {@link #MAGIC}. Stateless.
 */
public final class JournalRecords {
  /** Segment file header: "OPJRNL" plus format version 1. */
  public static final byte[] MAGIC = {'O', 'P', 'J', 'R', 'N', 'L', 0, 1};

  public static final int HEADER_BYTES = 8;

  /** A length beyond this is corruption, not a batch: ingest batches are far smaller. */
  public static final int MAX_RECORD_BYTES = 512 * 1024 * 1024;

  private static final int SEQ_AND_COUNT_BYTES = 12;

  private JournalRecords() {}

  /** Appends one record holding {@code events} to {@code out}. */
  public static void encode(long firstSeq, List<LogEvent> events, ByteSink out) {
    encode(firstSeq, events, out, null);
  }

  /**
   * Appends one record holding {@code events} to {@code out}; when {@code eventOffsets} is not
   * null, also records there where in {@code out} each event's encoding starts, and where the last
   * one ends ({@code events.size() + 1} entries).
   */
  public static void encode(
      long firstSeq, List<LogEvent> events, ByteSink out, int[] eventOffsets) {
    int start = out.size();
    out.writeInt(0);
    out.writeInt(0);
    out.writeLong(firstSeq);
    out.writeInt(events.size());
    for (int i = 0; i < events.size(); i++) {
      if (eventOffsets != null) {
        eventOffsets[i] = out.size();
      }
      EventCodec.encode(events.get(i), out);
    }
    if (eventOffsets != null) {
      eventOffsets[events.size()] = out.size();
    }
    int bodyStart = start + HEADER_BYTES;
    int length = out.size() - bodyStart;
    CRC32C crc = new CRC32C();
    crc.update(out.array(), bodyStart, length);
    out.writeIntAt(start, length);
    out.writeIntAt(start + 4, (int) crc.getValue());
  }

  /** Checks the CRC of the body {@code bytes[offset, offset + length)} against {@code expected}. */
  public static boolean checksumMatches(byte[] bytes, int offset, int length, int expected) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue() == expected;
  }

  /** Reads the first sequence number of a verified body. */
  public static long firstSeq(byte[] body, int offset) {
    return new ByteSource(body, offset, 8).readLong();
  }

  /** Reads the event count of a verified body. */
  public static int count(byte[] body, int offset) {
    return new ByteSource(body, offset + 8, 4).readInt();
  }

  /** Decodes the events of a verified body. */
  public static JournaledBatch decode(byte[] body, int offset, int length) {
    if (length < SEQ_AND_COUNT_BYTES) {
      throw new CorruptRecordException("record body of " + length + " bytes is too short");
    }
    ByteSource in = new ByteSource(body, offset, length);
    long firstSeq = in.readLong();
    int count = in.readInt();
    if (count < 0 || count > length) {
      throw new CorruptRecordException(
          "event count " + count + " impossible in " + length + " bytes");
    }
    List<LogEvent> events = new ArrayList<>(count);
    int[] offsets = new int[count + 1];
    for (int i = 0; i < count; i++) {
      offsets[i] = in.position();
      events.add(EventCodec.decode(in));
    }
    offsets[count] = in.position();
    if (in.hasRemaining()) {
      throw new CorruptRecordException("trailing bytes after " + count + " events");
    }
    // the events' encodings stay in body: the indexer stores them as they are
    return new JournaledBatch(firstSeq, events, body, offsets);
  }
}
