package outpost.index.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.ContextRequest;
import outpost.index.EventContext;
import outpost.index.FacetRequest;
import outpost.index.Facets;
import outpost.index.FacetsRequest;
import outpost.index.FieldName;
import outpost.index.FieldStats;
import outpost.index.Highlighter;
import outpost.index.Histogram;
import outpost.index.HistogramRequest;
import outpost.index.HostDirectory;
import outpost.index.IndexMetrics;
import outpost.index.JournalFront;
import outpost.index.LogEvent;
import outpost.index.LogStore;
import outpost.index.SearchPage;
import outpost.index.SearchRequest;
import outpost.index.StatsRequest;
import outpost.index.StoreStatus;
import outpost.index.StoredEvent;
import outpost.index.TailSubscription;
import outpost.index.TopRequest;
import outpost.index.journal.JournalReplay;
import outpost.index.lucene.Checkpoint;
import outpost.index.query.LogQueryParser;
import outpost.index.query.QueryHighlighter;

/**
 * The store on an OpenSearch cluster: the same local write-ahead journal, live tail and host
 * directory as the embedded store ({@link JournalFront}), then a {@link Shipper} that bulk-indexes
 * journaled events into daily indices {@code <prefix>-YYYY.MM.DD} (ids {@code nodeId << 48 | seq},
 * so several Outpost nodes share a cluster). {@link #tryAppend} completes at the journal's fsync;
 * an outage or 429 backpressure only grows the journal (bounded by {@code maxJournalEvents}, past
 * which ingest is pushed back), and {@link #status} says why.
 *
 * <p>Queries are parsed by Outpost's own parser (so errors and syntax are the Lucene store's) and
 * translated to the query DSL ({@link QueryTranslator}); results have the same order, cursors,
 * buckets and counts. Known differences: terms aggregations over several shards are approximate for
 * rare values (shard_size is generous), sums are doubles, events become searchable after the
 * shipper sent them and the index refreshed, and {@code documents} in the status counts every
 * node's events.
 *
 * <p>{@link #hosts()} is cluster-wide ({@link ClusterHostDirectory}): this node's own senders at
 * once, every other node's within a pass ({@link ClusterHostDirectory#SYNC_INTERVAL}); retire and
 * forget hold on every node.
 *
 * <p>Thread-safe. Created by {@link #open}, which starts the threads; the server closes it.
 */
public final class OpenSearchLogStore implements LogStore {
  private static final Logger log = LoggerFactory.getLogger(OpenSearchLogStore.class);

  private final OpenSearchStoreConfig config;
  private final JournalFront front;
  private final ClusterClient client;
  private final Shipper shipper;
  private final BulkSender sender;
  private final IndexSetup setup;
  private final ClusterHostDirectory hosts;
  private final OpenSearchQueries queries;
  private final ContextQueries context;
  private final OpenSearchFields fields;
  private final LogQueryParser parser = new LogQueryParser();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile IndexTotals totals = new IndexTotals(0, 0, 0);

  /** What {@code _cat/indices} said last time it answered. */
  private record IndexTotals(int indices, long documents, long bytes) {}

  /** What {@link #open} builds before the store exists; closed as one on failure. */
  private static final class Parts {
    JournalFront front;
    ClusterClient client;
    Shipper shipper;
    BulkSender sender;
    IndexSetup setup;
    ClusterHostDirectory hosts;
  }

  private OpenSearchLogStore(OpenSearchStoreConfig config, Parts p, MeterRegistry registry) {
    this.config = config;
    this.front = p.front;
    this.client = p.client;
    this.shipper = p.shipper;
    this.sender = p.sender;
    this.setup = p.setup;
    this.hosts = p.hosts;
    this.queries = new OpenSearchQueries(client, config.indexPrefix(), registry);
    this.context = new ContextQueries(queries, config.indexPrefix());
    this.fields = new OpenSearchFields(client, queries);
    Gauge.builder(IndexMetrics.INDEX_LAG, this, s -> s.front.durableSeq() - s.shipper.indexedSeq())
        .register(registry);
    Gauge.builder(IndexMetrics.JOURNAL_BYTES, this, s -> s.front.bytes())
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder(IndexMetrics.OPENSEARCH_REACHABLE, this, s -> s.shipper.reachable() ? 1 : 0)
        .register(registry);
  }

  /**
   * Opens the journal in {@code config.local().dataDir()} and starts shipping to the cluster. Does
   * not wait for the cluster: the template is put and the journal shipped once it answers.
   *
   * @throws IOException if the data directory or the CA file cannot be used
   */
  public static OpenSearchLogStore open(
      OpenSearchStoreConfig config, InstantSource clock, MeterRegistry registry)
      throws IOException {
    Parts p = new Parts();
    try {
      p.front = JournalFront.open(config.local().dataDir(), clock, registry);
      p.client = new ClusterClient(config.connection());
      p.setup = new IndexSetup(p.client, config, registry);
      p.sender = new BulkSender(p.client, registry);
      Checkpoint checkpoint =
          new Checkpoint(config.local().dataDir().resolve("opensearch.checkpoint"));
      p.shipper =
          new Shipper(p.sender, p.setup, checkpoint, config, clock, p.front.segments(), registry);
      JournalReplay.Result replayed =
          p.front.attach(
              p.shipper, checkpoint.seq(), config.maxJournalEvents(), config.local(), registry);
      p.shipper.bind(p.front);
      if (replayed.replayedEvents() > 0) {
        log.info(
            "{} journaled events not yet in OpenSearch; shipping them", replayed.replayedEvents());
      }
      p.hosts =
          new ClusterHostDirectory(
              p.front.hosts(),
              new ClusterHostQueries(
                  p.client,
                  IndexSetup.pattern(config.indexPrefix()),
                  ClusterHostQueries.decisionsIndex(config.indexPrefix())),
              clock,
              registry);
      OpenSearchLogStore store = new OpenSearchLogStore(config, p, registry);
      p.shipper.start();
      p.front.start();
      p.hosts.start(ClusterHostDirectory.SYNC_INTERVAL);
      return store;
    } catch (IOException | RuntimeException e) {
      closeQuietly(p, e);
      throw e;
    }
  }

  private static void closeQuietly(Parts p, Exception cause) {
    for (AutoCloseable c :
        new AutoCloseable[] {
          p.hosts, p.front == null ? null : p.front::closeJournal, p.shipper, p.front, p.client
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
    return queries
        .facets(parser.parse(r.query()), r.from(), r.to(), List.of(r.field()), r.size())
        .get(0);
  }

  @Override
  public List<Facets> facets(FacetsRequest r) {
    return queries.facets(parser.parse(r.query()), r.from(), r.to(), r.fields(), r.size());
  }

  @Override
  public Optional<EventContext> context(ContextRequest r) {
    return context.context(r);
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
  public List<FieldName> fields(Instant from, Instant to) {
    return queries.timed("fields", () -> fields.fields(from, to));
  }

  @Override
  public Highlighter highlighter(String query) {
    return new QueryHighlighter(parser.parse(query));
  }

  /**
   * Merges the cluster's hosts now rather than at the next pass (after a retire on another node, in
   * tests).
   *
   * @throws IOException when the cluster cannot be reached
   */
  public void syncHosts() throws IOException {
    hosts.sync();
  }

  @Override
  public TailSubscription subscribe(String query, int capacity) {
    return front.tail().subscribe(query, capacity);
  }

  @Override
  public HostDirectory hosts() {
    return hosts;
  }

  /**
   * The journal's and the shipper's positions, and the daily indices as {@code _cat/indices} gives
   * them (the last answer while the cluster is unreachable). {@code backendError} names an
   * unreachable or failing cluster; {@code writable} stays true while the journal accepts.
   */
  @Override
  public StoreStatus status() {
    String error = shipper.failure();
    if (!error.isEmpty()) {
      error = (shipper.reachable() ? "OpenSearch failing: " : "OpenSearch unreachable: ") + error;
    }
    if (shipper.reachable()) {
      try {
        totals = totals();
      } catch (IOException e) {
        log.debug("index totals unavailable", e);
        error = error.isEmpty() ? "OpenSearch unreachable: " + e.getMessage() : error;
      }
    }
    long journaled = front.durableSeq();
    long shipped = shipper.indexedSeq();
    IndexTotals t = totals;
    return new StoreStatus(
        t.indices(),
        t.indices(),
        t.documents(),
        t.bytes(),
        front.bytes(),
        journaled,
        shipped,
        shipper.committedSeq(),
        Math.max(0, journaled - shipped),
        shipper.lastCommit(),
        front.pausedReason().isEmpty(),
        front.pausedReason(),
        setup.recent(),
        front.truncations(),
        StoreStatus.OPENSEARCH,
        error,
        sender.rejectedCount());
  }

  private IndexTotals totals() throws IOException {
    ClusterClient.Reply r =
        client.call(
            "GET",
            "/_cat/indices/" + IndexSetup.pattern(config.indexPrefix()),
            Map.of("format", "json", "h", "index,docs.count,store.size", "bytes", "b"),
            null);
    if (!r.ok()) {
      throw new IOException("listing indices: " + r.reason());
    }
    int n = 0;
    long docs = 0;
    long bytes = 0;
    for (JsonNode i : r.body()) {
      n++;
      docs += i.path("docs.count").asLong(0);
      bytes += i.path("store.size").asLong(0);
    }
    return new IndexTotals(n, docs, bytes);
  }

  /**
   * Stops taking appends, ships what is journaled while the cluster answers (the rest is shipped
   * after the next start), records the checkpoint and releases threads and connections.
   */
  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      hosts.close();
      front.closeJournal();
      shipper.close();
    } finally {
      try {
        front.close();
      } finally {
        client.close();
      }
    }
  }
}
