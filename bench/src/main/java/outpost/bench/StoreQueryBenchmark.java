package outpost.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.search.Query;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import outpost.index.ContextRequest;
import outpost.index.EventContext;
import outpost.index.Facets;
import outpost.index.FieldStats;
import outpost.index.SearchPage;
import outpost.index.StoredEvent;
import outpost.index.lucene.ContextSearcher;
import outpost.index.lucene.NumericSearcher;
import outpost.index.lucene.PartitionSearcher;
import outpost.index.lucene.Partitions;
import outpost.index.query.LogQueryParser;

/**
 * Query paths of the Lucene store over an index an end-to-end run kept (a stopped server's {@code
 * <data>/index}, e.g. {@code bench/run --phases query --work-dir /tmp/b --keep} then {@code -p
 * index=/tmp/b/ingest/index}): the search page's six facets counted one field per pass (as six
 * {@code /api/facets} calls do) against all six in one pass, and the detail queries (context,
 * stats, top). One thread, average time per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class StoreQueryBenchmark {
  private static final List<String> FIELDS = SearchPageLatency.FACET_FIELDS;

  /** A stopped server's index directory (required). */
  @Param({""})
  public String index;

  @Param({"wp-login.php", "404", "mozilla"})
  public String query;

  private Partitions partitions;
  private PartitionSearcher searcher;
  private NumericSearcher numeric;
  private ContextSearcher context;
  private Query parsed;
  private Instant from;
  private Instant to;
  private StoredEvent anchor;

  @Setup
  public void open() throws IOException {
    if (index.isEmpty()) {
      throw new IllegalArgumentException("pass -p index=<data dir>/index of a stopped server");
    }
    partitions = new Partitions(Path.of(index), 16);
    searcher = new PartitionSearcher(partitions);
    numeric = new NumericSearcher(partitions);
    context = new ContextSearcher(partitions);
    parsed = new LogQueryParser().parse(query);
    to = Instant.now();
    from = to.minus(Duration.ofDays(30));
    SearchPage page = searcher.search(parsed, from, to, 1000, "");
    if (page.hits().isEmpty()) {
      throw new IllegalStateException("'" + query + "' finds nothing in " + index);
    }
    anchor = page.hits().get(page.hits().size() / 2);
  }

  @TearDown
  public void close() throws IOException {
    partitions.close();
  }

  @Benchmark
  public long facetsOneFieldPerPass() throws IOException {
    long n = 0;
    for (String f : FIELDS) {
      n += searcher.facets(parsed, from, to, f, 10).values().size();
    }
    return n;
  }

  @Benchmark
  public long facetsAllFieldsInOnePass() throws IOException {
    long n = 0;
    for (Facets f : searcher.facets(parsed, from, to, FIELDS, 10)) {
      n += f.values().size();
    }
    return n;
  }

  @Benchmark
  public Optional<EventContext> context50() throws IOException {
    return context.context(
        new ContextRequest(anchor.id(), anchor.event().timestamp(), 50, 50, false));
  }

  @Benchmark
  public FieldStats statsBytes() throws IOException {
    return numeric.stats(parsed, from, to, "bytes");
  }

  @Benchmark
  public List<StoredEvent> top20Bytes() throws IOException {
    return numeric.top(parsed, from, to, "bytes", 20);
  }
}
