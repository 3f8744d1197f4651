package outpost.index.journal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Reads journaled batches back from the segment files while the writer keeps appending, for an
 * indexer that fell behind. Reads forward only, one record at a time, and never past a given
 * durable sequence number, so it never sees a group that is not yet fsynced (or that a failed write
 * cuts off again). A record whose checksum fails inside the durable range is damage and fails with
 * {@link CorruptRecordException}.
 *
 * <p>Not thread-safe: one reader thread (the indexer). Its owner closes it.
 */
public final class JournalReader implements AutoCloseable {
  private final JournalSegments segments;
  private final ByteBuffer header = ByteBuffer.allocate(JournalRecords.HEADER_BYTES + 8);
  private FileChannel channel;
  private long segmentFirstSeq;
  private long position;

  public JournalReader(JournalSegments segments) {
    this.segments = segments;
  }

  /**
   * Hands {@code consumer} the batches, in order, holding events from {@code from} through {@code
   * durableSeq}, at most {@code maxBatches} of them.
   *
   * @return the number of batches handed over
   */
  public int read(long from, long durableSeq, int maxBatches, JournalReplay.BatchConsumer consumer)
      throws IOException {
    int handed = 0;
    while (handed < maxBatches && from <= durableSeq) {
      if (channel == null && !open(from)) {
        return handed;
      }
      JournaledBatch batch = next(durableSeq);
      if (batch == null) {
        if (!nextSegment(from)) {
          return handed;
        }
        continue;
      }
      if (batch.lastSeq() >= from) {
        consumer.accept(batch);
        from = batch.lastSeq() + 1;
        handed++;
      }
    }
    return handed;
  }

  /** Opens the segment that holds {@code from}; false when there is none. */
  private boolean open(long from) throws IOException {
    List<Map.Entry<Long, Path>> list = segments.list();
    Map.Entry<Long, Path> chosen = null;
    for (Map.Entry<Long, Path> e : list) {
      if (chosen == null || e.getKey() <= from) {
        chosen = e;
      }
    }
    if (chosen == null) {
      return false;
    }
    openSegment(chosen);
    return true;
  }

  private void openSegment(Map.Entry<Long, Path> segment) throws IOException {
    close();
    channel = FileChannel.open(segment.getValue(), StandardOpenOption.READ);
    segmentFirstSeq = segment.getKey();
    position = JournalRecords.MAGIC.length;
  }

  /** Moves to the following segment once the current one is read through {@code from - 1}. */
  private boolean nextSegment(long from) throws IOException {
    for (Map.Entry<Long, Path> e : segments.list()) {
      if (e.getKey() > segmentFirstSeq && e.getKey() <= from) {
        openSegment(e);
        return true;
      }
    }
    return false;
  }

  /** The record at the current position if it is complete and durable, else null. */
  private JournaledBatch next(long durableSeq) throws IOException {
    long size = channel.size();
    int min = JournalRecords.HEADER_BYTES + 8;
    if (size - position < min) {
      return null;
    }
    header.clear();
    readFully(header, position);
    header.flip();
    int length = header.getInt();
    int crc = header.getInt();
    long firstSeq = header.getLong();
    if (firstSeq > durableSeq) {
      return null; // written but not yet fsynced, or being cut off after a failed write
    }
    long body = position + JournalRecords.HEADER_BYTES;
    if (length < 12 || length > JournalRecords.MAX_RECORD_BYTES || length > size - body) {
      throw new CorruptRecordException(
          "durable journal record at offset " + position + " has bad length " + length);
    }
    byte[] bytes = new byte[length];
    readFully(ByteBuffer.wrap(bytes), body);
    if (!JournalRecords.checksumMatches(bytes, 0, length, crc)) {
      throw new CorruptRecordException(
          "durable journal record at offset " + position + " has a bad checksum");
    }
    JournaledBatch batch = JournalRecords.decode(bytes, 0, length);
    position = body + length;
    return batch;
  }

  private void readFully(ByteBuffer buf, long at) throws IOException {
    long p = at;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, p);
      if (n < 0) {
        throw new EOFException("journal segment ended at " + p);
      }
      p += n;
    }
  }

  /** Closes the open segment; the next read reopens. Safe to call twice. */
  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
