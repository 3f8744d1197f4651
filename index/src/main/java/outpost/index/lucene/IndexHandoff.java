package outpost.index.lucene;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import outpost.index.journal.JournalReader;
import outpost.index.journal.JournalReplay;
import outpost.index.journal.JournaledBatch;

/**
 * The path from the journal writer to the indexer that never blocks the writer. Durable batches go
 * to a bounded queue; when it is full the handoff <em>spills</em>: from the first batch that did
 * not fit, nothing more is queued and the indexer reads the journal segments back instead, in
 * order. When the reader has caught up with everything handed off, spill mode ends and batches are
 * queued again. Entering and leaving spill mode happen under one lock shared by {@link #offer} and
 * {@link #readSpilled}, so every batch is indexed exactly once and in sequence order.
 *
 * <p>Thread-safe for one producer ({@link #offer}, the journal writer) and one consumer (the other
 * methods, the indexer thread). The indexer closes it.
 */
public final class IndexHandoff implements AutoCloseable {
  private static final long NONE = -1;

  private final ArrayBlockingQueue<JournaledBatch> queue;
  private final JournalReader reader;
  private final Object lock = new Object();
  private long handedOffSeq; // guarded by lock: last seq the journal handed over
  private long skipThrough = NONE; // guarded by lock: read from disk, not to be queued again
  private volatile long spillFrom = NONE; // written under lock; next seq to read from disk

  public IndexHandoff(int capacity, JournalReader reader) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.reader = reader;
  }

  /** Queues a durable batch, or leaves it on disk while spilling. Never blocks. Journal writer. */
  public void offer(JournaledBatch batch) {
    synchronized (lock) {
      handedOffSeq = Math.max(handedOffSeq, batch.lastSeq());
      if (spillFrom != NONE || batch.lastSeq() <= skipThrough) {
        return; // the reader reads (or has read) it from the journal
      }
      if (!queue.offer(batch)) {
        spillFrom = batch.firstSeq();
      }
    }
  }

  /** The next queued batch, waiting up to {@code millis}; null if none. Indexer thread. */
  public JournaledBatch poll(long millis) throws InterruptedException {
    return queue.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Whether batches are being read back from the journal instead of queued. */
  public boolean spilling() {
    return spillFrom != NONE;
  }

  /**
   * While spilling and the queue is drained, indexes up to {@code maxBatches} batches read from the
   * journal through {@code durableSeq}; when everything handed off has been read, leaves spill
   * mode. Indexer thread.
   *
   * @return batches read
   */
  public int readSpilled(long durableSeq, int maxBatches, JournalReplay.BatchConsumer consumer)
      throws IOException {
    long from = spillFrom;
    if (from == NONE || !queue.isEmpty()) {
      return 0;
    }
    long[] next = {from};
    int n =
        reader.read(
            from,
            durableSeq,
            maxBatches,
            b -> {
              consumer.accept(b);
              next[0] = b.lastSeq() + 1;
            });
    synchronized (lock) {
      if (next[0] > handedOffSeq) {
        skipThrough = next[0] - 1;
        spillFrom = NONE;
      } else {
        spillFrom = next[0];
      }
    }
    if (spillFrom == NONE) {
      reader.close();
    }
    return n;
  }

  /** Forgets the open segment, e.g. after a recovery; the next read reopens at its position. */
  public void reset() throws IOException {
    reader.close();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
