package outpost.server;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.opensearch.OpenSearchNode;

/**
 * The whole server on a real OpenSearch node ({@code store.type: opensearch}): syslog over TCP is
 * searchable through the HTTP API, the documents are in the node's daily index, {@code /health}
 * shows the OpenSearch store and {@code /metrics} its meters.
 */
class OpenSearchEndToEndTest {
  @TempDir Path tmp;

  static Map<String, String> openSearchEnv(URI url, String prefix, int nodeId) {
    return Map.of(
        "OUTPOST_STORE_TYPE",
        "opensearch",
        "OUTPOST_STORE_OPENSEARCH_HOSTS",
        url.toString(),
        "OUTPOST_STORE_OPENSEARCH_INDEX_PREFIX",
        prefix,
        "OUTPOST_STORE_OPENSEARCH_NODE_ID",
        Integer.toString(nodeId),
        "OUTPOST_STORE_REFRESH_INTERVAL_MS",
        "200",
        "OUTPOST_STORE_COMMIT_INTERVAL_SECONDS",
        "1");
  }

  /** The test node every OpenSearch test of this module shares (started on first use). */
  static URI nodeUrl() {
    return OpenSearchNode.shared().url();
  }

  static String prefix(String name) {
    return "t-oswire-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void syslogOverTcpIsSearchableAndHealthAndMetricsShowTheOpenSearchStore() throws Exception {
    URI node = nodeUrl();
    String prefix = prefix("e2e");
    String token = RunningOutpost.token();
    int messages = 300;
    try (RunningOutpost outpost =
        RunningOutpost.start(tmp.resolve("data"), openSearchEnv(node, prefix, 3))) {
      try (SyslogSender tcp = new SyslogSender(outpost.tcpPort(), true)) {
        for (int i = 0; i < messages; i++) {
          tcp.send(SyslogSender.rfc5424("web-" + (i % 3), "nginx", "GET /p" + i + " " + token));
        }
        tcp.flush();
      }
      ApiClient api = outpost.api();
      await("all " + messages + " messages searchable")
          .atMost(60, SECONDS)
          .pollInterval(200, MILLISECONDS)
          .untilAsserted(() -> assertThat(api.total(token)).isEqualTo(messages));

      JsonNode hit = api.search(token + " AND host:web-1 AND \"/p7\"", 10).path("hits").get(0);
      assertThat(hit.path("host").asText()).isEqualTo("web-1");
      assertThat(hit.path("app").asText()).isEqualTo("nginx");
      assertThat(hit.path("message").asText()).isEqualTo("GET /p7 " + token);
      assertThat(api.allHits(token)).hasSize(messages);
      assertThat(countInNode(node, prefix, token)).isEqualTo(messages);

      JsonNode index = ApiClient.parse(api.health().body()).path("components").path("index");
      assertThat(index.path("status").asText()).isEqualTo("up");
      assertThat(index.path("details").path("backend").asText()).isEqualTo("opensearch");
      assertThat(index.path("details").path("backendError").asText()).isEmpty();

      PrometheusText metrics = api.metrics();
      assertThat(metrics.sum(MetricNames.OPENSEARCH_REACHABLE)).isEqualTo(1.0);
      assertThat(metrics.sum(MetricNames.OPENSEARCH_BULK_REQUESTS)).isPositive();
      assertThat(metrics.has(MetricNames.INDEX_LAG)).isTrue();
    }
  }

  /** Documents holding {@code token} in the node's indices {@code prefix-*}, asked directly. */
  static long countInNode(URI node, String prefix, String token) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(node.resolve("/" + prefix + "-*/_count?q=message:" + token))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return ApiClient.parse(r.body()).path("count").asLong();
  }
}
