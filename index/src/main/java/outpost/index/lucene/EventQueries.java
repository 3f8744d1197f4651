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
import outpost.index.FieldName;
import outpost.index.FieldStats;
import outpost.index.IndexMetrics;
import outpost.index.QueryException;
import outpost.index.StoredEvent;

/**
 * The detail queries of the search UI (event context, numeric stats and top events, field list)
 * over the day partitions, each timed under {@link IndexMetrics#SEARCH_LATENCY}. I/O failures
 * become {@link UncheckedIOException}, queries that expand to too many terms {@link
 * QueryException}. Thread-safe.
 */
public final class EventQueries {
  private final ContextSearcher context;
  private final NumericSearcher numeric;
  private final FieldCatalog catalog;
  private final Timer contextLatency;
  private final Timer statsLatency;
  private final Timer topLatency;
  private final Timer fieldsLatency;

  public EventQueries(Partitions partitions, MeterRegistry registry) {
    this.context = new ContextSearcher(partitions);
    this.numeric = new NumericSearcher(partitions);
    this.catalog = new FieldCatalog(partitions);
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
