package outpost.index.lucene;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.IndexMetrics;
import outpost.index.JournalFront;
import outpost.index.LogEvent;
import outpost.index.journal.JournalReader;
import outpost.index.journal.JournalSegments;
import outpost.index.journal.JournaledBatch;

/**
 * The single indexing thread: takes journaled batches from a bounded queue, adds each event to the
 * partition of its UTC day, commits every partition periodically with the journal position, then
 * records the store-wide {@link Checkpoint} and lets the journal drop committed segments. Runs
 * retention between batches, so partitions are only deleted by this thread.
 *
 * <p>{@link #enqueue} never blocks the journal writer: when the queue is full the indexer reads the
 * journal segments back instead ({@link IndexHandoff}), so acceptance runs at journal speed and the
 * store bounds how far indexing may fall behind.
 *
 * <p>If Lucene fails (e.g. a full disk), all partitions are rolled back to their last commit and
 * the journal is replayed from the checkpoint, retried until it succeeds; meanwhile the lag grows
 * until the store's bound makes ingest push back.
 *
 * <p>Thread-safe entry points: {@link #enqueue}, the getters, {@link #close}. {@link #index} is for
 * replay before {@link #start}.
 */
public final class Indexer implements JournalFront.Backend, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Indexer.class);
  private static final long POLL_MILLIS = 50;

  /** Batches read from the journal between checks for commits and retention. */
  private static final int SPILL_READ_BATCHES = 64;

  /** Past days not written or searched for this long are closed, releasing their files. */
  private static final Duration IDLE_PARTITION = Duration.ofMinutes(5);

  /** Called after a checkpoint, with its position. */
  @FunctionalInterface
  public interface CommitListener {
    void committed(long seq) throws IOException;
  }

  /** Re-reads the journal after the checkpoint into {@link #index}. */
  @FunctionalInterface
  public interface Recovery {
    void replay(long checkpointSeq) throws IOException;
  }

  private final Partitions partitions;
  private final Checkpoint checkpoint;
  private final Retention retention;
  private final InstantSource clock;
  private final Duration commitInterval;
  private final Duration retryInterval;
  private final IndexHandoff handoff;
  private final EventDocument document = new EventDocument();
  private final Counter documents;
  private final Counter expired;
  private final Thread thread;
  private CommitListener commitListener = seq -> {};
  private Recovery recovery = seq -> {};
  private LongSupplier durableSeq = () -> 0;
  private Runnable progress = () -> {};
  private volatile long indexedSeq;
  private volatile long committedSeq;
  private volatile Instant lastCommit;
  private volatile boolean closing;
  private volatile boolean abandoned;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile String failure = "";

  public Indexer(
      Partitions partitions,
      Checkpoint checkpoint,
      Retention retention,
      InstantSource clock,
      Duration commitInterval,
      Duration retryInterval,
      int queueCapacity,
      JournalSegments segments,
      MeterRegistry registry) {
    this.partitions = partitions;
    this.checkpoint = checkpoint;
    this.retention = retention;
    this.clock = clock;
    this.commitInterval = commitInterval;
    this.retryInterval = retryInterval;
    this.handoff = new IndexHandoff(queueCapacity, new JournalReader(segments));
    this.indexedSeq = checkpoint.seq();
    this.committedSeq = checkpoint.seq();
    this.documents = registry.counter(IndexMetrics.INDEX_DOCUMENTS);
    this.expired = registry.counter(IndexMetrics.INDEX_EXPIRED);
    this.thread = Thread.ofPlatform().name("outpost-indexer").unstarted(this::run);
  }

  /**
   * Sets, before start, what runs after each checkpoint, how to replay after a failure, where the
   * journal's durable position is read, and what runs after each batch indexed by the thread.
   */
  public void bind(
      CommitListener listener, Recovery replay, LongSupplier durable, Runnable onProgress) {
    this.commitListener = listener;
    this.recovery = replay;
    this.durableSeq = durable;
    this.progress = onProgress;
  }

  public void start() {
    thread.start();
  }

  /** Hands a durable batch to the indexer; never blocks (see {@link IndexHandoff}). */
  @Override
  public void enqueue(JournaledBatch batch) {
    handoff.offer(batch);
  }

  @Override
  public long indexedSeq() {
    return indexedSeq;
  }

  public long committedSeq() {
    return committedSeq;
  }

  public Instant lastCommit() {
    return lastCommit;
  }

  /** Why indexing is failing, or empty. */
  public String failure() {
    return failure;
  }

  /** Adds every event of {@code batch} not yet in its partition. Indexer thread or replay. */
  @Override
  public void index(JournaledBatch batch) throws IOException {
    List<LogEvent> events = batch.events();
    long added = 0;
    for (int i = 0; i < events.size(); i++) {
      long seq = batch.firstSeq() + i;
      LogEvent event = events.get(i);
      long millis = retention.indexedMillis(event);
      if (millis == Retention.EXPIRED) {
        expired.increment();
        continue;
      }
      DayPartition p = partitions.forWrite(day(millis));
      if (seq <= p.addedSeq()) {
        continue; // replayed event the partition already holds
      }
      try {
        p.add(seq, build(batch, i, seq, millis));
        added++;
      } catch (IllegalArgumentException e) {
        // Lucene refused this one document (the writer stays usable); the journal keeps it
        log.error("event {} rejected by the index; it is not searchable", seq, e);
      }
    }
    documents.increment(added);
    indexedSeq = Math.max(indexedSeq, batch.lastSeq());
  }

  private List<org.apache.lucene.index.IndexableField> build(
      JournaledBatch batch, int i, long seq, long millis) {
    LogEvent event = batch.events().get(i);
    byte[] encoded = batch.encoded();
    if (encoded == null) {
      return document.build(seq, millis, event);
    }
    int[] offsets = batch.offsets();
    return document.build(seq, millis, event, encoded, offsets[i], offsets[i + 1] - offsets[i]);
  }

  private static LocalDate day(long millis) {
    return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC).toLocalDate();
  }

  private void run() {
    long nextCommit = System.nanoTime() + commitInterval.toNanos();
    long nextRetention = System.nanoTime();
    while (true) {
      try {
        if (!step()) {
          break;
        }
        if (System.nanoTime() - nextCommit >= 0) {
          commitAll();
          nextCommit = System.nanoTime() + commitInterval.toNanos();
        }
        if (System.nanoTime() - nextRetention >= 0) {
          retention.run(clock.instant());
          partitions.closeIdle(IDLE_PARTITION.toNanos());
          nextRetention = System.nanoTime() + retention.interval().toNanos();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.error("indexer interrupted; stopping without commit", e);
        return;
      } catch (IOException | RuntimeException e) {
        recover(e);
      }
    }
    if (abandoned) {
      return;
    }
    try {
      handoff.close();
      commitAll();
    } catch (IOException | AlreadyClosedException e) {
      log.error("final commit failed; the journal is replayed at the next start", e);
    }
  }

  /** Indexes one queued batch or a run of spilled ones; false once closing and idle. */
  private boolean step() throws IOException, InterruptedException {
    boolean spilling = handoff.spilling();
    JournaledBatch batch = handoff.poll(spilling ? 0 : POLL_MILLIS);
    if (batch != null) {
      index(batch);
    } else if (closing) {
      return false; // what is spilled stays in the journal; the next start replays it
    } else if (spilling
        && handoff.readSpilled(durableSeq.getAsLong(), SPILL_READ_BATCHES, this::index) == 0
        && handoff.spilling()) {
      // handed off but not yet readable: the writer is between its fsync and the handoff
      stopped.await(1, TimeUnit.MILLISECONDS);
    }
    progress.run();
    return true;
  }

  /** Commits every partition with uncommitted documents, then the checkpoint. */
  public void commitAll() throws IOException {
    long seq = indexedSeq;
    for (DayPartition p : partitions.openPartitions()) {
      if (p.hasUncommitted()) {
        p.commit(seq);
      }
    }
    checkpoint.write(seq);
    committedSeq = seq;
    lastCommit = clock.instant();
    failure = "";
    commitListener.committed(seq);
  }

  private void recover(Exception cause) {
    if (failure.isEmpty()) {
      log.error(
          "indexing failed; rolling back to the last commit and replaying the journal", cause);
    } else {
      log.debug("indexing still failing", cause);
    }
    failure = "indexing failed: " + cause.getMessage();
    while (!closing) {
      try {
        if (stopped.await(retryInterval.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
        partitions.closeOpen();
        handoff.reset();
        indexedSeq = checkpoint.seq();
        recovery.replay(checkpoint.seq());
        log.info("indexing resumed at journal position {}", indexedSeq);
        return; // the failure is cleared by the next successful commit
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | AlreadyClosedException e) {
        log.debug("indexing recovery failed; retrying in {}", retryInterval, e);
      }
    }
  }

  /** Indexes what is queued, commits, stops the thread. Partitions are closed by their owner. */
  @Override
  public void close() throws IOException {
    if (closing) {
      return;
    }
    closing = true;
    stopped.countDown();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while closing the indexer", e);
    }
  }

  /** Stops the thread without committing: what a crash leaves behind. For tests. */
  public void abandon() throws InterruptedException {
    abandoned = true;
    closing = true;
    stopped.countDown();
    thread.join();
    try {
      handoff.close();
    } catch (IOException e) {
      log.warn("could not close the journal reader", e);
    }
  }
}
