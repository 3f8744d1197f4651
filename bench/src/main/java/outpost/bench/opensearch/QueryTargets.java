package outpost.bench.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import outpost.bench.OutpostClient;
import outpost.bench.QueryLatency;

/**
 * The two ways a contender answers a {@link ComparisonQuery}: through Outpost's HTTP API (for
 * Outpost on either store) and through OpenSearch's {@code _search} (for OpenSearch fed directly).
 * Both summarize the answer the same way ({@code total=..}, {@code buckets=.. counted=..}, top
 * values), so the report shows that all contenders found the same. Stateless.
 */
final class QueryTargets {
  private QueryTargets() {}

  /** Queries an Outpost server's API. */
  static QueryTimer.Target outpost(OutpostClient client) {
    return (query, from, to) -> {
      Map<String, String> params = new LinkedHashMap<>(query.outpostParams());
      params.put("from", from.toString());
      params.put("to", to.toString());
      return QueryLatency.summarize(client.get(query.outpostPath(), params).body());
    };
  }

  /** Queries {@code index} of an OpenSearch node directly. */
  static QueryTimer.Target openSearch(OpenSearchHttp http, String index) {
    return (query, from, to) ->
        summarize(http.json("POST", "/" + index + "/_search", query.openSearchBody(from, to)));
  }

  /** The same summary {@link QueryLatency#summarize} gives for the Outpost API's answers. */
  static String summarize(JsonNode answer) {
    JsonNode aggs = answer.path("aggregations");
    if (aggs.has("h")) {
      JsonNode buckets = aggs.path("h").path("buckets");
      long sum = 0;
      for (JsonNode b : buckets) {
        sum += b.path("doc_count").asLong();
      }
      return "buckets=" + buckets.size() + " counted=" + sum;
    }
    StringBuilder s =
        new StringBuilder("total=" + answer.path("hits").path("total").path("value").asText());
    if (aggs.has("top")) {
      s.append(" top:");
      int shown = 0;
      for (JsonNode b : aggs.path("top").path("buckets")) {
        if (shown++ == 3) {
          break;
        }
        s.append(' ')
            .append(b.path("key").asText())
            .append('=')
            .append(b.path("doc_count").asLong());
      }
    }
    return s.toString();
  }
}
