package outpost.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the round-trip latency of API queries against a loaded server: each query is sent {@code
 * warmup} times unmeasured, then {@code runs} times one after another. Not thread-safe.
 */
public final class QueryLatency {

  /** One query: a name for the report, the API path and its parameters (without the range). */
  record Query(String name, String path, Map<String, String> params) {
    Query {
      params = Map.copyOf(params);
    }
  }

  /** Latencies of one query in milliseconds, and what the last answer said (hits or buckets). */
  record Stats(
      String name, int runs, double p50, double p90, double p99, double max, String answer) {}

  private final OutpostClient client;
  private final int warmup;
  private final int runs;

  QueryLatency(OutpostClient client, int warmup, int runs) {
    if (runs < 1 || warmup < 0) {
      throw new IllegalArgumentException("runs " + runs + " / warmup " + warmup + " out of range");
    }
    this.client = client;
    this.warmup = warmup;
    this.runs = runs;
  }

  /** The queries the issue asks for, plus a host term query and a host facet. */
  static List<Query> standard() {
    return List.of(
        new Query("term message:wp-login.php", "/api/search", search("wp-login.php")),
        new Query("term host:web-07", "/api/search", search("host:web-07")),
        new Query("range status:[500 TO 599]", "/api/search", search("status:[500 TO 599]")),
        new Query("histogram 60 buckets, all", "/api/histogram", Map.of("q", "", "buckets", "60")),
        new Query(
            "facet status top 10, all",
            "/api/facets",
            Map.of("q", "", "field", "status", "size", "10")),
        new Query(
            "facet host top 10, all",
            "/api/facets",
            Map.of("q", "", "field", "host", "size", "10")));
  }

  private static Map<String, String> search(String q) {
    return Map.of("q", q, "limit", "20");
  }

  Stats measure(Query query, String from, String to) throws IOException {
    Map<String, String> params = new LinkedHashMap<>(query.params());
    params.put("from", from);
    params.put("to", to);
    String body = "";
    for (int i = 0; i < warmup; i++) {
      body = client.get(query.path(), params).body();
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      OutpostClient.Timed t = client.get(query.path(), params);
      nanos[i] = t.nanos();
      body = t.body();
    }
    Arrays.sort(nanos);
    return new Stats(
        query.name(),
        runs,
        ms(percentile(nanos, 50)),
        ms(percentile(nanos, 90)),
        ms(percentile(nanos, 99)),
        ms(nanos[runs - 1]),
        summarize(body));
  }

  /** Nearest-rank percentile of sorted values. */
  public static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** What the answer said, so the report shows the query did work: hits, buckets, top values. */
  public static String summarize(String body) throws IOException {
    JsonNode json = OutpostClient.json(body);
    if (json.has("buckets")) {
      long sum = 0;
      for (JsonNode b : json.get("buckets")) {
        sum += b.path("count").asLong();
      }
      return "buckets=" + json.get("buckets").size() + " counted=" + sum;
    }
    StringBuilder s = new StringBuilder("total=" + json.path("total").asText());
    if (json.has("values")) {
      s.append(" top:");
      int shown = 0;
      for (JsonNode v : json.get("values")) {
        if (shown++ == 3) {
          break;
        }
        s.append(' ').append(v.path("value").asText()).append('=').append(v.path("count").asLong());
      }
    }
    return s.toString();
  }
}
