package outpost.bench.opensearch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One query every contender answers over the same data and time range: as an Outpost API call and
 * as the OpenSearch request a plain OpenSearch user would send for the same answer (exact hit
 * count, newest 20 first; a histogram of equal buckets from {@code from}; the top 10 values).
 * Immutable.
 *
 * @param name the row label in the report
 * @param outpostPath the Outpost API path
 * @param outpostParams its parameters, without {@code from} and {@code to}
 * @param kind which OpenSearch request answers it
 * @param argument the host, path or field the OpenSearch request needs
 */
public record ComparisonQuery(
    String name,
    String outpostPath,
    Map<String, String> outpostParams,
    Kind kind,
    String argument) {

  /** Buckets of the histogram query. */
  public static final int BUCKETS = 60;

  /** Hits each search returns, newest first. */
  public static final int LIMIT = 20;

  /** What the OpenSearch request does. */
  public enum Kind {
    TERM_HOST,
    TERM_PATH,
    RANGE_STATUS_5XX,
    HISTOGRAM,
    TOP_VALUES
  }

  public ComparisonQuery {
    outpostParams = Map.copyOf(outpostParams);
  }

  /** The queries of the comparison: term (host, path), range on status, histogram, top values. */
  public static List<ComparisonQuery> standard() {
    String limit = Integer.toString(LIMIT);
    return List.of(
        new ComparisonQuery(
            "term host:web-07",
            "/api/search",
            Map.of("q", "host:web-07", "limit", limit),
            Kind.TERM_HOST,
            "web-07"),
        new ComparisonQuery(
            "term path:/favicon.ico",
            "/api/search",
            Map.of("q", "path:\"/favicon.ico\"", "limit", limit),
            Kind.TERM_PATH,
            "/favicon.ico"),
        new ComparisonQuery(
            "range status:[500 TO 599]",
            "/api/search",
            Map.of("q", "status:[500 TO 599]", "limit", limit),
            Kind.RANGE_STATUS_5XX,
            ""),
        new ComparisonQuery(
            "histogram, 60 buckets, all",
            "/api/histogram",
            Map.of("q", "", "buckets", Integer.toString(BUCKETS)),
            Kind.HISTOGRAM,
            ""),
        new ComparisonQuery(
            "top 10 values of status, all",
            "/api/facets",
            Map.of("q", "", "field", "status", "size", "10"),
            Kind.TOP_VALUES,
            "status"));
  }

  /** The {@code _search} body that answers this query over {@code [from, to)}. */
  public String openSearchBody(Instant from, Instant to) {
    String range =
        "{\"range\":{\"@timestamp\":{\"gte\":%d,\"lt\":%d,\"format\":\"epoch_millis\"}}}"
            .formatted(from.toEpochMilli(), to.toEpochMilli());
    return switch (kind) {
      case TERM_HOST -> hits(range, "{\"term\":{\"host\":\"%s\"}}".formatted(argument));
      case TERM_PATH -> hits(range, "{\"term\":{\"path\":\"%s\"}}".formatted(argument));
      case RANGE_STATUS_5XX -> hits(range, "{\"range\":{\"status\":{\"gte\":500,\"lte\":599}}}");
      case HISTOGRAM -> histogram(range, from, to);
      case TOP_VALUES ->
          ("{\"size\":0,\"track_total_hits\":true,\"query\":{\"bool\":{\"filter\":[%s]}},"
                  + "\"aggs\":{\"top\":{\"terms\":{\"field\":\"%s\",\"size\":10}}}}")
              .formatted(range, argument);
    };
  }

  private static String hits(String range, String term) {
    return ("{\"size\":%d,\"track_total_hits\":true,\"sort\":[{\"@timestamp\":\"desc\"}],"
            + "\"query\":{\"bool\":{\"filter\":[%s,%s]}}}")
        .formatted(LIMIT, term, range);
  }

  /**
   * {@link #BUCKETS} equal buckets starting at {@code from}, as Outpost's histogram splits the
   * range: a fixed interval of (to - from) / buckets, offset so the first bucket starts at from.
   * OpenSearch rounds the extended bounds down to the interval without the offset and then adds it,
   * so the upper bound is given less the offset (else a 61st, empty bucket starts at to).
   */
  static String histogram(String range, Instant from, Instant to) {
    long interval = bucketMillis(from, to);
    long offset = Math.floorMod(from.toEpochMilli(), interval);
    return ("{\"size\":0,\"query\":{\"bool\":{\"filter\":[%s]}},\"aggs\":{\"h\":{\"date_histogram\":"
            + "{\"field\":\"@timestamp\",\"fixed_interval\":\"%dms\",\"offset\":\"%dms\","
            + "\"min_doc_count\":0,\"extended_bounds\":{\"min\":%d,\"max\":%d}}}}}")
        .formatted(range, interval, offset, from.toEpochMilli(), to.toEpochMilli() - 1 - offset);
  }

  /** The width of one histogram bucket, at least 1 ms. */
  static long bucketMillis(Instant from, Instant to) {
    long span = Duration.between(from, to).toMillis();
    return Math.max(1, (span + BUCKETS - 1) / BUCKETS);
  }
}
