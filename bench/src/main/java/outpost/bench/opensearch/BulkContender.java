package outpost.bench.opensearch;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import outpost.bench.Corpus;
import outpost.bench.ProcStats;

/**
 * OpenSearch fed directly, as a plain OpenSearch user would: one index with an explicit mapping of
 * the same fields ({@link BulkDocuments#INDEX_BODY}), the corpus decoded once in the benchmark JVM
 * and sent through {@code _bulk}, then the wait until {@code _count} sees every document (the
 * default 1 s refresh, nothing forced); the node's CPU over that time, the comparison queries
 * through {@code _search}, peak RSS, and the primary store after refresh and flush. Not
 * thread-safe.
 */
final class BulkContender {
  /** The index the direct contender writes. */
  static final String INDEX = "bench-direct";

  private static final Duration SEARCHABLE_LIMIT = Duration.ofMinutes(30);
  private static final long POLL_MILLIS = 100;

  private final ComparisonOptions opts;
  private final Corpus corpus;
  private final Clock clock = Clock.systemUTC();

  BulkContender(ComparisonOptions opts, Corpus corpus) {
    this.opts = opts;
    this.corpus = corpus;
  }

  ContenderResult run(String name, OpenSearchProcess os) throws IOException, InterruptedException {
    OpenSearchHttp http = os.http();
    http.json("PUT", "/" + INDEX, BulkDocuments.INDEX_BODY);
    BulkDocuments docs = BulkDocuments.of(corpus);
    CpuWindow window = CpuWindow.open(os.pid());
    BulkFeeder.Result sent =
        new BulkFeeder(http, INDEX, docs, clock)
            .run(opts.messages(), opts.bulkDocuments(), opts.connections());
    long messages = awaitSearchable(http, sent.documents());
    window.close();
    double seconds = Duration.between(sent.start(), clock.instant()).toNanos() / 1e9;
    Instant from = sent.start().minus(Duration.ofMinutes(1));
    Instant to = clock.instant().plus(Duration.ofMinutes(1));
    QueryTimer timer = new QueryTimer(opts.warmup(), opts.runs());
    List<QueryTimer.Latency> latencies = new ArrayList<>();
    for (ComparisonQuery q : ComparisonQuery.standard()) {
      latencies.add(timer.measure(QueryTargets.openSearch(http, INDEX), q, from, to));
    }
    http.refreshAndFlush(INDEX);
    return new ContenderResult(
        name + (sent.retries() > 0 ? " (" + sent.retries() + " bulk retries after 429)" : ""),
        messages,
        seconds,
        -1,
        window.cpu(0),
        window.selfCpu(),
        window.otherCores(),
        http.storeBytes(INDEX),
        os.dataBytes(),
        -1,
        ProcStats.peakRssBytes(os.pid()),
        latencies);
  }

  private long awaitSearchable(OpenSearchHttp http, long expected)
      throws IOException, InterruptedException {
    long limit = System.nanoTime() + SEARCHABLE_LIMIT.toNanos();
    while (true) {
      long count = http.count(INDEX);
      if (count >= expected) {
        return count;
      }
      if (System.nanoTime() > limit) {
        throw new IOException(
            "only "
                + count
                + " of "
                + expected
                + " documents searchable after "
                + SEARCHABLE_LIMIT);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
