package outpost.index.opensearch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.IndexMetrics;
import outpost.index.JournalFront;
import outpost.index.LogEvent;
import outpost.index.journal.JournalReader;
import outpost.index.journal.JournalSegments;
import outpost.index.journal.JournaledBatch;
import outpost.index.lucene.Checkpoint;
import outpost.index.lucene.IndexHandoff;
import outpost.index.lucene.Retention;

/**
 * The single shipping thread: takes journaled batches ({@link IndexHandoff}: from memory, or read
 * back from the journal when it falls behind; batches replayed at start are read back too), sends
 * them to the daily index of each event's UTC day in {@code _bulk} requests of up to {@code
 * bulkEvents}, and once a request fully succeeded counts them as shipped. Every {@code
 * commitInterval} it records the shipped position in its {@link Checkpoint} and lets the journal
 * delete the segments through it; a restart resends from there (ids are explicit, so resent events
 * overwrite themselves).
 *
 * <p>When the cluster cannot be reached, answers 429 or 5xx, or refuses single items with 429/5xx,
 * the same events are sent again with exponential backoff up to {@link
 * OpenSearchStoreConfig#MAX_RETRY_INTERVAL}: nothing is lost, the journal grows until the store's
 * lag bound makes ingest push back. Before the first request it puts the index template ({@link
 * IndexSetup}), retried the same way, so Outpost starts and journals while OpenSearch is down. It
 * also runs retention every {@code retentionInterval}.
 *
 * <p>Thread-safe entry points: {@link #enqueue}, {@link #index}, the getters, {@link #close}.
 */
final class Shipper implements JournalFront.Backend, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Shipper.class);
  private static final long POLL_MILLIS = 50;
  private static final Duration FIRST_RETRY = Duration.ofMillis(100);

  private final BulkSender sender;
  private final IndexSetup setup;
  private final Checkpoint checkpoint;
  private final IndexHandoff handoff;
  private final OpenSearchStoreConfig config;
  private final InstantSource clock;
  private final Counter documents;
  private final Counter expired;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<BulkSender.Item> buffer = new ArrayList<>();
  private JournalFront front;
  private long bufferedSeq;
  private Duration backoff = FIRST_RETRY;
  private volatile boolean setupDone;
  private volatile long shippedSeq;
  private volatile long committedSeq;
  private volatile Instant lastCommit;
  private volatile boolean reachable;
  private volatile String failure = "";
  private volatile boolean closing;

  Shipper(
      BulkSender sender,
      IndexSetup setup,
      Checkpoint checkpoint,
      OpenSearchStoreConfig config,
      InstantSource clock,
      JournalSegments segments,
      MeterRegistry registry) {
    this.sender = sender;
    this.setup = setup;
    this.checkpoint = checkpoint;
    this.config = config;
    this.clock = clock;
    this.handoff =
        new IndexHandoff(config.local().indexQueueBatches(), new JournalReader(segments));
    this.shippedSeq = checkpoint.seq();
    this.bufferedSeq = checkpoint.seq();
    this.committedSeq = checkpoint.seq();
    this.documents = registry.counter(IndexMetrics.INDEX_DOCUMENTS);
    this.expired = registry.counter(IndexMetrics.INDEX_EXPIRED);
    this.thread = Thread.ofPlatform().name("outpost-opensearch-shipper").unstarted(this::run);
  }

  /** Sets, before start, the journal to read back from, checkpoint against and wake. */
  void bind(JournalFront journalFront) {
    this.front = journalFront;
  }

  void start() {
    thread.start();
  }

  /** Replayed at open: handed off like a new batch (it spills to the journal when many). */
  @Override
  public void index(JournaledBatch batch) {
    handoff.offer(batch);
  }

  @Override
  public void enqueue(JournaledBatch batch) {
    handoff.offer(batch);
  }

  /** The last event OpenSearch acknowledged (or the checkpoint). */
  @Override
  public long indexedSeq() {
    return shippedSeq;
  }

  long committedSeq() {
    return committedSeq;
  }

  Instant lastCommit() {
    return lastCommit;
  }

  boolean reachable() {
    return reachable;
  }

  /** Why shipping is failing (the last error), or empty. */
  String failure() {
    return failure;
  }

  private void run() {
    long nextCommit = System.nanoTime() + config.local().commitInterval().toNanos();
    long nextRetention = System.nanoTime();
    try {
      while (true) {
        if (!setupDone) {
          if (closing) {
            break;
          }
          attempt(setup::ensure, () -> setupDone = true);
          continue;
        }
        if (fill(closing ? 0 : POLL_MILLIS)) {
          if (!ship()) {
            break; // closing while the cluster fails: the journal keeps the rest
          }
        } else if (closing) {
          break;
        } else {
          front.wakeIfBelowLimit();
        }
        if (System.nanoTime() - nextCommit >= 0) {
          commit();
          nextCommit = System.nanoTime() + config.local().commitInterval().toNanos();
        }
        if (System.nanoTime() - nextRetention >= 0) {
          retention();
          nextRetention = System.nanoTime() + config.local().retentionInterval().toNanos();
        }
      }
      commit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.error("shipper interrupted; stopping", e);
    } catch (IOException | RuntimeException e) {
      log.error("shipper stopped; the journal is resent from the checkpoint at the next start", e);
      failure = "shipper stopped: " + e.getMessage();
    }
  }

  /**
   * Moves journaled batches into the buffer until it holds {@code bulkEvents} or none is waiting.
   *
   * @return whether the buffer holds anything
   */
  private boolean fill(long waitMillis) throws IOException, InterruptedException {
    while (buffer.size() < config.bulkEvents()) {
      if (handoff.spilling()) {
        if (handoff.readSpilled(front.durableSeq(), 1, this::add) == 0) {
          break;
        }
        continue;
      }
      JournaledBatch batch = handoff.poll(buffer.isEmpty() ? waitMillis : 0);
      if (batch == null) {
        break;
      }
      add(batch);
    }
    return !buffer.isEmpty();
  }

  private void add(JournaledBatch batch) {
    Instant now = clock.instant();
    List<LogEvent> events = batch.events();
    for (int i = 0; i < events.size(); i++) {
      long seq = batch.firstSeq() + i;
      if (seq <= bufferedSeq) {
        continue; // already shipped (a batch that straddles the checkpoint)
      }
      LogEvent e = events.get(i);
      long millis = Retention.indexedMillis(e, now, config.local().retention());
      if (millis == Retention.EXPIRED) {
        expired.increment();
        continue;
      }
      long id = EventJson.eventId(config.nodeId(), seq);
      buffer.add(
          new BulkSender.Item(
              seq, id, IndexSetup.indexName(config.indexPrefix(), millis), e, millis, false));
    }
    bufferedSeq = Math.max(bufferedSeq, batch.lastSeq());
  }

  /** Sends the buffer until everything in it is done; false when closing while it fails. */
  private boolean ship() throws InterruptedException {
    int size = config.bulkEvents();
    for (int from = 0; from < buffer.size(); from += size) {
      if (!shipAll(List.copyOf(buffer.subList(from, Math.min(buffer.size(), from + size))))) {
        return false;
      }
    }
    documents.increment(buffer.size());
    buffer.clear();
    shippedSeq = bufferedSeq;
    front.wakeIfBelowLimit();
    return true;
  }

  private boolean shipAll(List<BulkSender.Item> items) throws InterruptedException {
    List<List<BulkSender.Item>> pending = new ArrayList<>(List.of(items));
    while (!pending.getLast().isEmpty()) {
      List<BulkSender.Item> attempt = pending.getLast();
      if (!attempt(() -> pending.add(sender.send(attempt)), () -> {})) {
        if (closing) {
          return false;
        }
      } else if (!pending.getLast().isEmpty()) {
        failure =
            pending.getLast().size()
                + " events refused for now, sending them again: "
                + sender.lastRetryReason();
        if (!pause()) {
          return false;
        }
      }
    }
    return true;
  }

  /** A step that talks to the cluster. */
  private interface ClusterStep {
    void run() throws IOException;
  }

  /** Runs {@code step}; on failure records why and waits the backoff. Returns success. */
  private boolean attempt(ClusterStep step, Runnable onSuccess) throws InterruptedException {
    try {
      step.run();
      reachable = true;
      if (!failure.isEmpty()) {
        log.info("OpenSearch answers again; shipping resumes");
      }
      failure = "";
      backoff = FIRST_RETRY;
      onSuccess.run();
      return true;
    } catch (IOException e) {
      reachable = e instanceof BulkSender.BulkFailure; // it answered, e.g. 429 backpressure
      if (failure.isEmpty()) {
        log.warn("OpenSearch request failed; retrying, the journal keeps every event", e);
      } else {
        log.debug("OpenSearch still failing", e);
      }
      failure = e.getMessage();
      pause();
      return false;
    }
  }

  /** Waits the current backoff and doubles it; false when closing. */
  private boolean pause() throws InterruptedException {
    if (closing || stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
      return false;
    }
    Duration next = backoff.multipliedBy(2);
    backoff =
        next.compareTo(OpenSearchStoreConfig.MAX_RETRY_INTERVAL) > 0
            ? OpenSearchStoreConfig.MAX_RETRY_INTERVAL
            : next;
    return true;
  }

  /** Records the shipped position and lets the journal drop what is before it. */
  private void commit() throws IOException {
    long seq = shippedSeq;
    if (seq == committedSeq) {
      return;
    }
    checkpoint.write(seq);
    committedSeq = seq;
    lastCommit = clock.instant();
    front.deleteThrough(seq);
  }

  private void retention() {
    try {
      setup.deleteExpired(clock.instant());
    } catch (IOException e) {
      log.debug("retention could not run; retried at the next interval", e);
    }
  }

  /** Ships what is handed off (while the cluster answers), records the checkpoint, stops. */
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
      throw new IOException("interrupted while closing the shipper", e);
    } finally {
      handoff.close();
    }
  }
}
