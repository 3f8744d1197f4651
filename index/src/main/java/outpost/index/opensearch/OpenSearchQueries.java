package outpost.index.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.lucene.search.Query;
import outpost.index.Facets;
import outpost.index.FieldStats;
import outpost.index.Histogram;
import outpost.index.IndexMetrics;
import outpost.index.QueryException;
import outpost.index.Schema;
import outpost.index.SearchPage;
import outpost.index.StoredEvent;
import outpost.index.lucene.Cursor;

/**
 * The read queries of the OpenSearch store that take a parsed query: search ({@code search_after}
 * on time then id, exact totals), histogram ({@code date_histogram}, or {@code range} buckets when
 * the span is not a whole number of milliseconds per bucket, so buckets equal the Lucene store's),
 * top values ({@code terms} and {@code missing}, several fields in one request), numeric stats and
 * top events. Each is timed under {@link IndexMetrics#SEARCH_LATENCY}. A request OpenSearch refuses
 * as bad (400) is a {@link QueryException}; an unreachable cluster an {@link UncheckedIOException}.
 * Thread-safe.
 */
final class OpenSearchQueries {
  /** Beyond this many days a range is searched through the index pattern, not by names. */
  private static final int MAX_NAMED_DAYS = 62;

  /** A search over indices whose shards are still starting is tried again this often... */
  private static final int STARTING_RETRIES = 50;

  /** ...this many milliseconds apart. */
  private static final long STARTING_PAUSE_MILLIS = 100;

  private final ClusterClient client;
  private final String prefix;
  private final MeterRegistry registry;

  OpenSearchQueries(ClusterClient client, String prefix, MeterRegistry registry) {
    this.client = client;
    this.prefix = prefix;
    this.registry = registry;
  }

  /** Epoch millis of {@code t}, rounded up to the next millisecond when asked (as Lucene does). */
  static long millis(Instant t, boolean roundUp) {
    try {
      long ms = t.toEpochMilli();
      return roundUp && t.getNano() % 1_000_000 != 0 ? ms + 1 : ms;
    } catch (ArithmeticException e) {
      return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
    }
  }

  /** The daily indices that may hold [fromMs, toMs), by name when few, else the pattern. */
  String indices(long fromMs, long toMs) {
    long day = 86_400_000L;
    long first = Math.floorDiv(Math.max(fromMs, 0), day);
    long last = Math.floorDiv(Math.max(toMs - 1, 0), day);
    if (toMs <= fromMs || last - first >= MAX_NAMED_DAYS || fromMs < 0) {
      return IndexSetup.pattern(prefix);
    }
    StringBuilder names = new StringBuilder();
    for (long d = first; d <= last; d++) {
      names.append(names.isEmpty() ? "" : ",").append(IndexSetup.indexName(prefix, d * day));
    }
    return names.toString();
  }

  static ObjectNode node() {
    return ClusterClient.JSON.createObjectNode();
  }

  /** {@code query} within [fromMs, toMs) of {@code @timestamp}. */
  static ObjectNode within(ObjectNode query, long fromMs, long toMs) {
    ObjectNode n = node();
    ObjectNode bool = n.putObject("bool");
    bool.putArray("must").add(query);
    bool.putArray("filter").add(timeRange(fromMs, toMs));
    return n;
  }

  static ObjectNode timeRange(long fromMs, long toMs) {
    ObjectNode r = node();
    r.putObject("range").putObject(Schema.TIMESTAMP).put("gte", fromMs).put("lt", toMs);
    return r;
  }

  static ArrayNode newestFirst() {
    ArrayNode sort = ClusterClient.JSON.createArrayNode();
    sort.addObject().put(Schema.TIMESTAMP, "desc");
    sort.addObject().put(EventJson.ID, "desc");
    return sort;
  }

  /** Runs a search; 400 is a {@link QueryException}, other failures unchecked I/O. */
  JsonNode search(String indices, ObjectNode body) {
    try {
      byte[] bytes = ClusterClient.JSON.writeValueAsBytes(body);
      ClusterClient.Reply r = searchOnce(indices, bytes);
      for (int i = 0; i < STARTING_RETRIES && shardsStarting(r); i++) {
        Thread.sleep(STARTING_PAUSE_MILLIS);
        r = searchOnce(indices, bytes);
      }
      if (r.status() == 400) {
        throw new QueryException("OpenSearch refused the query: " + r.reason());
      }
      if (!r.ok()) {
        throw new IOException("OpenSearch search failed: " + r.reason());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted while searching", e));
    }
  }

  private ClusterClient.Reply searchOnce(String indices, byte[] body) throws IOException {
    return client.call(
        "POST",
        "/" + indices + "/_search",
        Map.of("ignore_unavailable", "true", "allow_no_indices", "true"),
        body);
  }

  /**
   * A daily index just created (by this node or another) has no started shard for a moment; a
   * search over only such indices fails as a whole, with no shard failure named.
   */
  private static boolean shardsStarting(ClusterClient.Reply r) {
    JsonNode error = r.body().path("error");
    return r.status() == 503
        && error.path("type").asText().equals("search_phase_execution_exception")
        && error.path("failed_shards").isEmpty();
  }

  static StoredEvent hit(JsonNode hit) {
    JsonNode source = hit.path("_source");
    return new StoredEvent(source.path(EventJson.ID).asLong(), EventJson.read(source));
  }

  <T> T timed(String kind, Supplier<T> call) {
    Timer timer =
        Timer.builder(IndexMetrics.SEARCH_LATENCY)
            .tag(IndexMetrics.TAG_KIND, kind)
            .publishPercentileHistogram()
            .register(registry);
    return timer.record(call);
  }

  /** See {@link outpost.index.LogSearch#search}. */
  SearchPage search(Query query, Instant from, Instant to, int limit, String after) {
    return timed("search", () -> doSearch(query, from, to, limit, after));
  }

  private SearchPage doSearch(Query query, Instant from, Instant to, int limit, String after) {
    Cursor cursor = Cursor.decode(after);
    long fromMs = millis(from, true);
    long toMs = millis(to, true);
    ObjectNode body = node();
    body.put("size", limit);
    body.put("track_total_hits", true);
    body.set("query", within(QueryTranslator.translate(query), fromMs, toMs));
    body.set("sort", newestFirst());
    if (cursor != null) {
      body.putArray("search_after").add(cursor.millis()).add(cursor.id());
    }
    JsonNode r = search(indices(fromMs, toMs), body);
    List<StoredEvent> hits = new ArrayList<>();
    JsonNode last = null;
    for (JsonNode h : r.path("hits").path("hits")) {
      hits.add(hit(h));
      last = h;
    }
    String next = "";
    if (hits.size() == limit && last != null) {
      JsonNode sort = last.path("sort");
      next = new Cursor(sort.path(0).asLong(), sort.path(1).asLong()).encode();
    }
    return new SearchPage(r.path("hits").path("total").path("value").asLong(), hits, next);
  }

  /** See {@link outpost.index.LogSearch#histogram}. */
  Histogram histogram(Query query, Instant from, Instant to, int buckets) {
    return timed("histogram", () -> doHistogram(query, from, to, buckets));
  }

  private Histogram doHistogram(Query query, Instant from, Instant to, int buckets) {
    long fromMs = millis(from, true);
    long toMs = millis(to, true);
    long span = toMs - fromMs;
    ObjectNode body = node();
    body.put("size", 0);
    body.set("query", within(QueryTranslator.translate(query), fromMs, toMs));
    ObjectNode agg = body.putObject("aggs").putObject("h");
    boolean uniform = span > 0 && span % buckets == 0;
    long width = uniform ? span / buckets : 0;
    if (uniform) {
      agg.putObject("date_histogram")
          .put("field", Schema.TIMESTAMP)
          .put("fixed_interval", width + "ms")
          .put("offset", Math.floorMod(fromMs, width) + "ms")
          .put("min_doc_count", 1);
    } else {
      ArrayNode ranges = agg.putObject("range").put("field", Schema.TIMESTAMP).putArray("ranges");
      for (int i = 0; i < buckets; i++) {
        ranges
            .addObject()
            .put("from", start(fromMs, span, buckets, i))
            .put("to", start(fromMs, span, buckets, i + 1));
      }
    }
    long[] counts = new long[buckets];
    JsonNode found = search(indices(fromMs, toMs), body).path("aggregations").path("h");
    int i = 0;
    for (JsonNode b : found.path("buckets")) {
      int index = uniform ? (int) ((b.path("key").asLong() - fromMs) / width) : i++;
      if (index >= 0 && index < buckets) {
        counts[index] += b.path("doc_count").asLong();
      }
    }
    Duration interval = Duration.between(from, to).dividedBy(buckets);
    List<Histogram.Bucket> result = new ArrayList<>(buckets);
    for (int k = 0; k < buckets; k++) {
      result.add(new Histogram.Bucket(from.plus(interval.multipliedBy(k)), counts[k]));
    }
    return new Histogram(interval, result);
  }

  /** First millisecond of bucket {@code i}, as the Lucene store's histogram computes it. */
  private static long start(long fromMs, long span, int buckets, int i) {
    if (span < Long.MAX_VALUE / buckets) {
      return fromMs + Math.ceilDiv(i * span, buckets);
    }
    return fromMs + i * (span / buckets);
  }

  /** See {@link outpost.index.LogSearch#facets(outpost.index.FacetsRequest)}. */
  List<Facets> facets(Query query, Instant from, Instant to, List<String> fields, int size) {
    return timed("facets", () -> doFacets(query, from, to, fields, size));
  }

  private List<Facets> doFacets(
      Query query, Instant from, Instant to, List<String> fields, int size) {
    for (String field : fields) {
      if (field.startsWith("_") || field.equals(Schema.TIMESTAMP)) {
        throw new QueryException("field '" + field + "' cannot be counted");
      }
    }
    long fromMs = millis(from, true);
    long toMs = millis(to, true);
    String indices = indices(fromMs, toMs);
    ObjectNode body = node();
    body.put("size", 0);
    body.put("track_total_hits", true);
    body.set("query", within(QueryTranslator.translate(query), fromMs, toMs));
    ObjectNode aggs = body.putObject("aggs");
    for (int i = 0; i < fields.size(); i++) {
      ObjectNode terms = aggs.putObject("t" + i).putObject("terms");
      terms.put("field", fields.get(i)).put("size", size).put("shard_size", size * 4 + 100);
      ArrayNode order = terms.putArray("order");
      order.addObject().put("_count", "desc");
      order.addObject().put("_key", "asc");
      aggs.putObject("m" + i).putObject("missing").put("field", fields.get(i));
    }
    JsonNode r = search(indices, body);
    long total = r.path("hits").path("total").path("value").asLong();
    List<Facets> result = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      JsonNode a = r.path("aggregations");
      List<Facets.Value> values = new ArrayList<>();
      for (JsonNode b : a.path("t" + i).path("buckets")) {
        values.add(new Facets.Value(b.path("key").asText(), b.path("doc_count").asLong()));
      }
      long missing = a.path("m" + i).path("doc_count").asLong();
      if (values.isEmpty() && !OpenSearchFields.isStandardFacet(fields.get(i))) {
        requireKnown(indices, fields.get(i));
      }
      result.add(new Facets(fields.get(i), total, missing, values));
    }
    return result;
  }

  private void requireKnown(String indices, String field) {
    if (!new OpenSearchFields(client, this).aggregatable(indices, field)) {
      throw new QueryException("unknown field '" + field + "': it has no values to count");
    }
  }

  private static void requireNumeric(String field) {
    if (!Schema.NUMERIC_FIELDS.contains(field)) {
      throw new QueryException(
          "field '"
              + field
              + "' is not numeric; numeric fields are "
              + String.join(", ", new TreeSet<>(Schema.NUMERIC_FIELDS)));
    }
  }

  /**
   * See {@link outpost.index.LogSearch#stats}. OpenSearch sums as doubles: exact up to 2^53, where
   * the Lucene store saturates at {@link Long#MAX_VALUE}.
   */
  FieldStats stats(Query query, Instant from, Instant to, String field) {
    requireNumeric(field);
    return timed(
        "stats",
        () -> {
          long fromMs = millis(from, true);
          long toMs = millis(to, true);
          ObjectNode body = node();
          body.put("size", 0);
          body.set("query", within(QueryTranslator.translate(query), fromMs, toMs));
          body.putObject("aggs").putObject("s").putObject("stats").put("field", field);
          JsonNode s = search(indices(fromMs, toMs), body).path("aggregations").path("s");
          long count = s.path("count").asLong();
          if (count == 0) {
            return new FieldStats(field, 0, 0, 0, 0);
          }
          return new FieldStats(
              field,
              count,
              (long) s.path("sum").asDouble(),
              (long) s.path("min").asDouble(),
              (long) s.path("max").asDouble());
        });
  }

  /** See {@link outpost.index.LogSearch#top}. */
  List<StoredEvent> top(Query query, Instant from, Instant to, String field, int limit) {
    requireNumeric(field);
    return timed(
        "top",
        () -> {
          long fromMs = millis(from, true);
          long toMs = millis(to, true);
          ObjectNode q = within(QueryTranslator.translate(query), fromMs, toMs);
          ObjectNode exists = node();
          exists.putObject("exists").put("field", field);
          ((ArrayNode) q.path("bool").path("filter")).add(exists);
          ObjectNode body = node();
          body.put("size", limit);
          body.set("query", q);
          ArrayNode sort = body.putArray("sort");
          // unmapped_type: a daily index where no event had the field yet has no mapping for it
          sort.addObject().putObject(field).put("order", "desc").put("unmapped_type", "long");
          sort.addAll(newestFirst());
          List<StoredEvent> out = new ArrayList<>();
          for (JsonNode h : search(indices(fromMs, toMs), body).path("hits").path("hits")) {
            out.add(hit(h));
          }
          return out;
        });
  }
}
