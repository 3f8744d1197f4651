package outpost.index.lucene;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import outpost.index.ContextRequest;
import outpost.index.EventContext;
import outpost.index.Facets;
import outpost.index.FieldName;
import outpost.index.FieldStats;
import outpost.index.Histogram;
import outpost.index.IndexMetrics;
import outpost.index.QueryException;
import outpost.index.SearchPage;
import outpost.index.StoredEvent;

/**
 * Every read query over the day partitions (search, histogram, top values, event context, numeric
 * stats and top events, field list), each timed under {@link IndexMetrics#SEARCH_LATENCY} with its
 * kind. I/O failures become {@link UncheckedIOException}, queries that expand to too many terms
 * {@link QueryException}. Thread-safe.
 */
public final class EventQueries {
  private final PartitionSearcher searcher;
  private final ContextSearcher context;
  private final NumericSearcher numeric;
  private final FieldCatalog catalog;
  private final Timer searchLatency;
  private final Timer histogramLatency;
  private final Timer facetsLatency;
  private final Timer contextLatency;
  private final Timer statsLatency;
  private final Timer topLatency;
  private final Timer fieldsLatency;

  public EventQueries(Partitions partitions, MeterRegistry registry) {
    this.searcher = new PartitionSearcher(partitions);
    this.context = new ContextSearcher(partitions);
    this.numeric = new NumericSearcher(partitions);
    this.catalog = new FieldCatalog(partitions);
    this.searchLatency = latency(registry, "search");
    this.histogramLatency = latency(registry, "histogram");
    this.facetsLatency = latency(registry, "facets");
    this.contextLatency = latency(registry, "context");
    this.statsLatency = latency(registry, "stats");
    this.topLatency = latency(registry, "top");
    this.fieldsLatency = latency(registry, "fields");
  }

  private static Timer latency(MeterRegistry registry, String kind) {
    return Timer.builder(IndexMetrics.SEARCH_LATENCY)
        .tag(IndexMetrics.TAG_KIND, kind)
        .publishPercentileHistogram()
        .register(registry);
  }

  /** See {@link outpost.index.LogSearch#search}; {@code query} is the parsed request query. */
  public SearchPage search(Query query, Instant from, Instant to, int limit, String after) {
    return timed(searchLatency, () -> searcher.search(query, from, to, limit, after));
  }

  /** See {@link outpost.index.LogSearch#histogram}. */
  public Histogram histogram(Query query, Instant from, Instant to, int buckets) {
    return timed(histogramLatency, () -> searcher.histogram(query, from, to, buckets));
  }

  /** See {@link outpost.index.LogSearch#facets(outpost.index.FacetsRequest)}. */
  public List<Facets> facets(Query query, Instant from, Instant to, List<String> fields, int size) {
    return timed(facetsLatency, () -> searcher.facets(query, from, to, fields, size));
  }

  /** See {@link outpost.index.LogSearch#context}. */
  public Optional<EventContext> context(ContextRequest r) {
    return timed(contextLatency, () -> context.context(r));
  }

  /** See {@link outpost.index.LogSearch#stats}; {@code query} is the parsed request query. */
  public FieldStats stats(Query query, Instant from, Instant to, String field) {
    return timed(statsLatency, () -> numeric.stats(query, from, to, field));
  }

  /** See {@link outpost.index.LogSearch#top}; {@code query} is the parsed request query. */
  public List<StoredEvent> top(Query query, Instant from, Instant to, String field, int limit) {
    return timed(topLatency, () -> numeric.top(query, from, to, field, limit));
  }

  /** See {@link outpost.index.LogSearch#fields}. */
  public List<FieldName> fields(Instant from, Instant to) {
    return timed(fieldsLatency, () -> catalog.fields(from, to));
  }

  /** A search step that may fail on I/O. */
  @FunctionalInterface
  private interface IoCall<T> {
    T call() throws IOException;
  }

  private static <T> T timed(Timer timer, IoCall<T> call) {
    Timer.Sample sample = Timer.start();
    try {
      return call.call();
    } catch (IndexSearcher.TooManyClauses e) {
      throw new QueryException("query expands to too many terms: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      sample.stop(timer);
    }
  }
}
