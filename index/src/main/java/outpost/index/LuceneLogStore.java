package outpost.index;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.search.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.backup.LuceneStoreBackup;
import outpost.index.backup.StoreBackup;
import outpost.index.journal.JournalReplay;
import outpost.index.journal.JournalSegments;
import outpost.index.lucene.Checkpoint;
import outpost.index.lucene.DayPartition;
import outpost.index.lucene.EventQueries;
import outpost.index.lucene.Indexer;
import outpost.index.lucene.Partitions;
import outpost.index.lucene.Retention;
import outpost.index.query.LogQueryParser;
import outpost.index.query.QueryHighlighter;

/**
 * The embedded store: a write-ahead journal ({@link JournalFront}) in front of one Lucene index per
 * UTC day. {@link #tryAppend} completes once the batch is fsynced; a single indexer thread then
 * adds it to Lucene (reading the journal back when it falls behind, up to {@link IndexLagLimit}), a
 * refresher makes it searchable within {@code refreshInterval}, and periodic commits record the
 * journal position so a restart replays only the rest.
 *
 * <p>Thread-safe. Created by {@link #open}, which replays the journal and starts the threads; the
 * server closes it.
 */
public final class LuceneLogStore implements LogStore {
  private static final Logger log = LoggerFactory.getLogger(LuceneLogStore.class);

  private final Partitions partitions;
  private final Indexer indexer;
  private final Retention retention;
  private final JournalFront front;
  private final EventQueries queries;
  private final LogQueryParser parser = new LogQueryParser();
  private final ScheduledExecutorService refresher;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LuceneLogStore(Parts parts, MeterRegistry registry) {
    this.front = parts.front;
    this.partitions = parts.partitions;
    this.indexer = parts.indexer;
    this.retention = parts.retention;
    this.queries = new EventQueries(partitions, registry);
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("outpost-index-refresh").daemon().unstarted(r));
    registerGauges(registry);
  }

  /** What {@link #open} builds before the store exists; closed as one on failure. */
  private static final class Parts {
    JournalFront front;
    Partitions partitions;
    Retention retention;
    Indexer indexer;
  }

  /**
   * Opens the store in {@code config.dataDir()}: replays the journal after the last commit, applies
   * retention, starts the journal writer, indexer and refresher.
   *
   * @throws IOException if the data directory cannot be used
   */
  public static LuceneLogStore open(StoreConfig config, InstantSource clock, MeterRegistry registry)
      throws IOException {
    Parts parts = new Parts();
    try {
      parts.front = JournalFront.open(config.dataDir(), clock, registry);
      JournalFront front = parts.front;
      parts.partitions = new Partitions(config.dataDir().resolve("index"), config.ramBufferMb());
      Checkpoint checkpoint = new Checkpoint(config.dataDir().resolve("checkpoint"));
      JournalSegments segments = front.segments();
      parts.retention =
          new Retention(
              parts.partitions,
              clock,
              config.retention(),
              config.diskBudgetBytes(),
              config.minFreeDiskBytes(),
              config.retentionInterval(),
              segments::bytes,
              registry);
      Indexer indexer =
          new Indexer(
              parts.partitions,
              checkpoint,
              parts.retention,
              clock,
              config.commitInterval(),
              config.diskRetryInterval(),
              config.indexQueueBatches(),
              segments,
              registry);
      parts.indexer = indexer;
      JournalReplay.Result replayed =
          front.attach(
              indexer, checkpoint.seq(), IndexLagLimit.MAX_UNINDEXED_EVENTS, config, registry);
      indexer.bind(
          front::deleteThrough,
          from -> front.replay(from, indexer::index),
          front::durableSeq,
          front::wakeIfBelowLimit);
      if (replayed.replayedEvents() > 0) {
        log.info("replayed {} journaled events", replayed.replayedEvents());
        indexer.commitAll();
      }
      LuceneLogStore store = new LuceneLogStore(parts, registry);
      store.start(config);
      return store;
    } catch (IOException | RuntimeException e) {
      closeQuietly(parts, e);
      throw e;
    }
  }

  private static void closeQuietly(Parts parts, Exception cause) {
    for (AutoCloseable c :
        new AutoCloseable[] {
          parts.front == null ? null : parts.front::closeJournal,
          parts.front,
          parts.indexer,
          parts.partitions
        }) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          cause.addSuppressed(e);
        }
      }
    }
  }

  private void start(StoreConfig config) {
    refresh(); // replayed events are searchable as soon as open returns
    long refreshMillis = config.refreshInterval().toMillis();
    refresher.scheduleWithFixedDelay(
        this::refresh, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
    indexer.start();
    front.start();
  }

  private void refresh() {
    for (DayPartition p : partitions.openPartitions()) {
      try {
        p.refresh();
      } catch (IOException | RuntimeException e) {
        log.error("refresh of partition {} failed", p.day(), e);
      }
    }
  }

  private void registerGauges(MeterRegistry registry) {
    Gauge.builder(IndexMetrics.INDEX_LAG, this, s -> s.front.durableSeq() - s.indexer.indexedSeq())
        .register(registry);
    Gauge.builder(IndexMetrics.JOURNAL_BYTES, this, s -> s.front.bytes())
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder(IndexMetrics.INDEX_PARTITIONS, this, s -> s.partitions.days().size())
        .register(registry);
    Gauge.builder(
            IndexMetrics.INDEX_PARTITIONS_OPEN, this, s -> s.partitions.openPartitions().size())
        .register(registry);
    Gauge.builder(IndexMetrics.INDEX_DISK_BYTES, this, s -> s.partitions.bytes())
        .baseUnit("bytes")
        .register(registry);
  }

  @Override
  public CompletableFuture<Void> tryAppend(List<LogEvent> batch) {
    return front.tryAppend(batch);
  }

  @Override
  public void whenWritable(Runnable callback) {
    front.whenWritable(callback);
  }

  @Override
  public SearchPage search(SearchRequest r) {
    return queries.search(parser.parse(r.query()), r.from(), r.to(), r.limit(), r.after());
  }

  @Override
  public Histogram histogram(HistogramRequest r) {
    return queries.histogram(parser.parse(r.query()), r.from(), r.to(), r.buckets());
  }

  @Override
  public Facets facets(FacetRequest r) {
    Query q = parser.parse(r.query());
    return queries.facets(q, r.from(), r.to(), List.of(r.field()), r.size()).get(0);
  }

  @Override
  public List<Facets> facets(FacetsRequest r) {
    return queries.facets(parser.parse(r.query()), r.from(), r.to(), r.fields(), r.size());
  }

  @Override
  public java.util.Optional<EventContext> context(ContextRequest r) {
    return queries.context(r);
  }

  @Override
  public FieldStats stats(StatsRequest r) {
    return queries.stats(parser.parse(r.query()), r.from(), r.to(), r.field());
  }

  @Override
  public List<StoredEvent> top(TopRequest r) {
    return queries.top(parser.parse(r.query()), r.from(), r.to(), r.field(), r.limit());
  }

  @Override
  public List<FieldName> fields(java.time.Instant from, java.time.Instant to) {
    return queries.fields(from, to);
  }

  @Override
  public Highlighter highlighter(String query) {
    return new QueryHighlighter(parser.parse(query));
  }

  @Override
  public TailSubscription subscribe(String query, int capacity) {
    return front.tail().subscribe(query, capacity);
  }

  @Override
  public HostDirectory hosts() {
    return front.hosts();
  }

  @Override
  public StoreStatus status() {
    long docs = 0;
    List<LocalDate> days = partitions.days();
    for (LocalDate day : days) {
      try {
        docs += partitions.documents(day);
      } catch (IOException e) {
        log.warn("document count of partition {} unavailable", day, e);
      }
    }
    long journaled = front.durableSeq();
    long indexed = indexer.indexedSeq();
    String paused = front.pausedReason().isEmpty() ? indexer.failure() : front.pausedReason();
    return new StoreStatus(
        days.size(),
        partitions.openPartitions().size(),
        docs,
        partitions.bytes(),
        front.bytes(),
        journaled,
        indexed,
        indexer.committedSeq(),
        Math.max(0, journaled - indexed),
        indexer.lastCommit(),
        front.pausedReason().isEmpty(),
        paused,
        retention.recent(),
        front.truncations(),
        StoreStatus.LUCENE,
        "",
        0);
  }

  /**
   * A backup of this store while it runs; see {@link LuceneStoreBackup} for why it is consistent.
   */
  public StoreBackup backup() {
    return LuceneStoreBackup.online(
        partitions, indexer::committedSeq, front::durableSeq, front.segments());
  }

  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      front.closeJournal();
      indexer.close();
    } finally {
      try {
        front.close();
      } finally {
        stopRefresher();
        partitions.close();
      }
    }
  }

  /** Lets a running refresh finish: interrupting Lucene mid-write would close its files. */
  private void stopRefresher() throws IOException {
    refresher.shutdown();
    try {
      if (!refresher.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("refresh still running after 30 s; closing partitions anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the refresher", e);
    }
  }

  /**
   * Stops without committing Lucene, as a crash would leave the files: the journal holds every
   * acknowledged batch, the partitions only their last commit. For tests.
   */
  void simulateCrash() throws IOException, InterruptedException {
    closed.set(true);
    front.abandon();
    indexer.abandon();
    stopRefresher();
    partitions.close();
  }
}
