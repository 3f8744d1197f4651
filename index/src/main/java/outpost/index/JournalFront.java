package outpost.index;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import outpost.index.hosts.HostRegistry;
import outpost.index.journal.Journal;
import outpost.index.journal.JournalReplay;
import outpost.index.journal.JournalSegments;
import outpost.index.journal.JournaledBatch;
import outpost.index.tail.TailHub;

/**
 * What every store puts in front of its index: the write-ahead {@link Journal}, the live tail, the
 * host directory and the bound on how far the back end (Lucene indexer, OpenSearch shipper) may lag
 * behind the journal. {@link #tryAppend} completes once a batch is fsynced; the tail and the host
 * directory see each batch when it is durable, before the back end does.
 *
 * <p>Lifecycle: {@link #open} opens the segments and the host directory; the store builds its back
 * end on {@link #segments()}, then {@link #attach} replays the journal after the back end's
 * checkpoint into it and opens the journal; {@link #start} starts the threads. To close: {@link
 * #closeJournal} (drains pending appends into the back end), close the back end, then {@link
 * #close}. On a failed open the store calls {@link #close}.
 *
 * <p>Thread-safe after {@link #attach}.
 */
public final class JournalFront implements AutoCloseable {
  /** The index behind the journal. */
  public interface Backend {
    /** Adds a replayed (or read back) batch; the back end's own thread or replay at open. */
    void index(JournaledBatch batch) throws IOException;

    /** Hands over a batch just made durable; must not block the journal writer. */
    void enqueue(JournaledBatch batch);

    /** The last sequence number the back end holds (indexed or shipped). */
    long indexedSeq();
  }

  private final JournalSegments segments;
  private final HostRegistry hosts;
  private final TailHub tail;
  private volatile Journal journal;
  private volatile IndexLagLimit lagLimit;
  private JournalReplay.Result replayed;

  private JournalFront(JournalSegments segments, HostRegistry hosts, TailHub tail) {
    this.segments = segments;
    this.hosts = hosts;
    this.tail = tail;
  }

  /**
   * Opens the journal segments in {@code dataDir/journal} and the host directory in {@code
   * dataDir/hosts.dat}.
   *
   * @throws IOException if they cannot be read
   */
  public static JournalFront open(Path dataDir, InstantSource clock, MeterRegistry registry)
      throws IOException {
    JournalSegments segments = JournalSegments.open(dataDir.resolve("journal"));
    HostRegistry hosts = HostRegistry.open(dataDir.resolve("hosts.dat"), clock, registry);
    return new JournalFront(segments, hosts, new TailHub(registry));
  }

  public JournalSegments segments() {
    return segments;
  }

  /**
   * Replays the journal after {@code checkpointSeq} into {@code backend} (and the host directory),
   * then opens the journal for appends; durable batches go to the tail, the host directory and
   * {@link Backend#enqueue}. Past {@code maxLag} durable events not in the back end, appends are
   * refused.
   *
   * @return what replay found
   * @throws IOException if the journal cannot be read or its active segment opened
   */
  public JournalReplay.Result attach(
      Backend backend, long checkpointSeq, long maxLag, StoreConfig config, MeterRegistry registry)
      throws IOException {
    replayed =
        JournalReplay.replay(
            segments,
            checkpointSeq,
            checkpointSeq + 1,
            b -> {
              hosts.record(b);
              backend.index(b);
            });
    Journal j =
        new Journal(
            segments,
            replayed,
            config.segmentBytes(),
            config.queueCapacityBatches(),
            config.diskRetryInterval(),
            b -> { // accepted: the tail and the host directory see it before it is indexed
              tail.publish(b);
              hosts.record(b);
              backend.enqueue(b);
            },
            registry);
    journal = j;
    lagLimit = new IndexLagLimit(j::durableSeq, backend::indexedSeq, maxLag, j::whenWritable);
    return replayed;
  }

  /** Re-reads the journal from {@code fromSeq} (exclusive) into {@code consumer}: recovery. */
  public void replay(long fromSeq, JournalReplay.BatchConsumer consumer) throws IOException {
    JournalReplay.replay(segments, fromSeq, 0, consumer);
  }

  /** Starts the tail, the host directory's periodic save and the journal writer. */
  public void start() {
    tail.start();
    hosts.start(HostRegistry.SAVE_INTERVAL);
    journal.start();
  }

  /** See {@link LogSink#tryAppend}; null when the journal or the lag bound has no room. */
  public CompletableFuture<Void> tryAppend(List<LogEvent> batch) {
    if (!batch.isEmpty() && lagLimit.over()) {
      return null;
    }
    return journal.tryAppend(batch);
  }

  /** See {@link LogSink#whenWritable}. */
  public void whenWritable(Runnable callback) {
    lagLimit.whenWritable(callback);
  }

  /** For the back end after each batch: releases waiting writers once the lag is below bound. */
  public void wakeIfBelowLimit() {
    IndexLagLimit l = lagLimit;
    if (l != null) {
      l.wakeIfBelowLimit();
    }
  }

  /** Deletes journal segments whose events are all at or below {@code committedSeq}. */
  public int deleteThrough(long committedSeq) throws IOException {
    return journal.deleteThrough(committedSeq);
  }

  /** Sequence number of the last durable event. */
  public long durableSeq() {
    return journal.durableSeq();
  }

  /** Why appends are refused (e.g. a full disk), or empty. */
  public String pausedReason() {
    return journal.pausedReason();
  }

  /** Bytes of the journal segments. */
  public long bytes() {
    return journal.bytes();
  }

  /** Corrupt journal tails cut off by the replay at open. */
  public List<String> truncations() {
    return replayed.truncations();
  }

  public TailHub tail() {
    return tail;
  }

  public HostRegistry hosts() {
    return hosts;
  }

  /** Writes what is queued and stops the journal writer. Safe twice. */
  public void closeJournal() throws IOException {
    Journal j = journal;
    if (j != null) {
      j.close();
    }
  }

  /** Closes the journal (if still open), the tail and the host directory (saving it). */
  @Override
  public void close() throws IOException {
    try {
      closeJournal();
    } finally {
      tail.close();
      hosts.close();
    }
  }

  /** Stops as a crash would: the host directory is not saved. For tests. */
  public void abandon() throws IOException {
    closeJournal();
    tail.close();
    hosts.abandon();
  }
}
