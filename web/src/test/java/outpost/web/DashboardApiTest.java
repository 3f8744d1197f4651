package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;
import static outpost.web.TestServer.NOW;
import static outpost.web.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.LogEvent;
import outpost.index.StatsRequest;

class DashboardApiTest {
  @TempDir Path dataDir;
  private TestServer web;
  private long nextId = 1;

  @BeforeEach
  void start() throws IOException {
    web = new TestServer(dataDir);
  }

  @AfterEach
  void stop() {
    web.close();
  }

  private void request(
      Instant t, String host, String path, int status, long bytes, Long durationUs) {
    Map<String, String> fields = new HashMap<>();
    fields.put("path", path);
    fields.put("status", Integer.toString(status));
    fields.put("bytes", Long.toString(bytes));
    fields.put("client_ip", "10.0.0." + (status / 100));
    fields.put("referer", "https://example.com/");
    fields.put("user_agent", "curl/8.5");
    if (durationUs != null) {
      fields.put("duration", Long.toString(durationUs));
    }
    String message = "GET " + path + " " + status;
    web.search.add(
        nextId++,
        new LogEvent(t, t, host, "nginx", "", "", 16, 6, message, message, fields, "udp", ""));
  }

  private void plainEvent(Instant t) {
    web.search.add(
        nextId++,
        new LogEvent(
            t, t, "db-1", "postgres", "", "", 3, 3, "GET no status", "", Map.of(), "", ""));
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asLong()));
    return out;
  }

  @Test
  void summarisesAccessLogEventsOnly() {
    Instant from = NOW.minus(Duration.ofHours(1));
    request(from.plusSeconds(30), "web-1", "/", 200, 1000, 1500L);
    request(from.plusSeconds(90), "web-1", "/", 200, 3000, 500L);
    request(from.plusSeconds(100), "web-2", "/login", 302, 0, 20_000L);
    request(from.plusSeconds(200), "web-2", "/wp-login.php", 404, 200, 100L);
    request(from.plusSeconds(3500), "web-1", "/api", 503, 100, 90_000L);
    request(from.plusSeconds(3550), "web-1", "/api", 500, 100, 80_000L);
    plainEvent(from.plusSeconds(60));

    HttpResponse<String> response = web.getAsAdmin("/api/dashboard?from=now-1h&buckets=6");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("from").asText()).isEqualTo("2026-11-23T11:00:00.000Z");
    assertThat(body.get("to").asText()).isEqualTo("2026-11-23T12:00:00.000Z");
    assertThat(body.get("interval_ms").asLong()).isEqualTo(600_000);
    assertThat(body.get("bucket_starts")).hasSize(6);
    assertThat(body.get("bucket_starts").get(1).asText()).isEqualTo("2026-11-23T11:10:00.000Z");
    JsonNode classes = body.get("status_classes");
    assertThat(classes.properties()).hasSize(5);
    assertThat(longs(classes.get("1xx"))).containsOnly(0L);
    assertThat(longs(classes.get("2xx"))).containsExactly(2L, 0L, 0L, 0L, 0L, 0L);
    assertThat(longs(classes.get("3xx"))).containsExactly(1L, 0L, 0L, 0L, 0L, 0L);
    assertThat(longs(classes.get("4xx"))).containsExactly(1L, 0L, 0L, 0L, 0L, 0L);
    assertThat(longs(classes.get("5xx"))).containsExactly(0L, 0L, 0L, 0L, 0L, 2L);
    assertThat(body.get("requests").asLong()).isEqualTo(6);
    assertThat(body.get("bytes").get("sum").asLong()).isEqualTo(4400);
    assertThat(body.get("bytes").get("average").asDouble()).isEqualTo(4400 / 6.0);
    assertThat(body.get("duration").get("count").asLong()).isEqualTo(6);
    assertThat(body.get("duration").get("max_us").asLong()).isEqualTo(90_000);
    assertThat(body.get("duration").get("average_us").asDouble())
        .isEqualTo((1500 + 500 + 20_000 + 100 + 90_000 + 80_000) / 6.0);
    assertThat(body.get("top_paths").get(0).get("value").asText()).isEqualTo("/");
    assertThat(body.get("top_paths").get(0).get("count").asLong()).isEqualTo(2);
    JsonNode errorPaths = body.get("top_error_paths");
    assertThat(errorPaths).hasSize(2);
    assertThat(errorPaths.get(0).get("value").asText()).isEqualTo("/api");
    assertThat(errorPaths.get(0).get("count").asLong()).isEqualTo(2);
    assertThat(errorPaths.get(1).get("value").asText()).isEqualTo("/wp-login.php");
    assertThat(body.get("top_clients").get(0).get("value").asText()).isEqualTo("10.0.0.2");
    assertThat(body.get("top_referrers").get(0).get("count").asLong()).isEqualTo(6);
    assertThat(body.get("top_user_agents").get(0).get("value").asText()).isEqualTo("curl/8.5");
    assertThat(body.get("top_hosts").get(0).get("value").asText()).isEqualTo("web-1");
    assertThat(body.get("top_hosts").get(0).get("count").asLong()).isEqualTo(4);
    JsonNode slowest = body.get("slowest");
    assertThat(slowest).hasSize(6);
    assertThat(slowest.get(0).get("fields").get("duration").asText()).isEqualTo("90000");
    assertThat(slowest.get(1).get("fields").get("duration").asText()).isEqualTo("80000");
  }

  @Test
  void qNarrowsEveryPart() {
    request(NOW.minusSeconds(60), "web-1", "/", 200, 10, null);
    request(NOW.minusSeconds(60), "web-2", "/", 500, 10, null);

    String q = URLEncoder.encode("host:web-2", StandardCharsets.UTF_8);
    JsonNode body = json(web.getAsAdmin("/api/dashboard?q=" + q));

    assertThat(body.get("requests").asLong()).isEqualTo(1);
    assertThat(body.get("top_hosts")).hasSize(1);
    assertThat(longs(body.get("status_classes").get("2xx"))).containsOnly(0L);
    StatsRequest stats =
        web.search.requests.stream()
            .filter(StatsRequest.class::isInstance)
            .map(StatsRequest.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(stats.query()).isEqualTo("(host:web-2) AND status:[* TO *]");
  }

  @Test
  void durationIsNullAndSlowestEmptyWhenNoDurationIsLogged() {
    request(NOW.minusSeconds(60), "web-1", "/", 200, 10, null);

    JsonNode body = json(web.getAsAdmin("/api/dashboard"));

    assertThat(body.get("duration").isNull()).isTrue();
    assertThat(body.get("slowest")).isEmpty();
    assertThat(body.get("bucket_starts")).hasSize(60);
  }

  @Test
  void rejectsBadParameters() {
    HttpResponse<String> buckets = web.getAsAdmin("/api/dashboard?buckets=1001");
    assertThat(buckets.statusCode()).isEqualTo(400);
    assertThat(json(buckets).get("parameter").asText()).isEqualTo("buckets");

    HttpResponse<String> query = web.getAsAdmin("/api/dashboard?q=status%3A%28%28");
    assertThat(query.statusCode()).isEqualTo(400);
    assertThat(json(query).get("message").asText()).isEqualTo(FakeLogSearch.PARSE_ERROR);

    HttpResponse<String> range = web.getAsAdmin("/api/dashboard?from=now&to=now-1h");
    assertThat(range.statusCode()).isEqualTo(400);
    assertThat(json(range).get("parameter").asText()).isEqualTo("from");
  }

  @Test
  void fieldsNoEventHasGiveEmptyTopLists() {
    web.search.add(
        1,
        new LogEvent(
            NOW.minusSeconds(5),
            NOW.minusSeconds(5),
            "web-1",
            "nginx",
            "",
            "",
            16,
            6,
            "GET / 200",
            "",
            Map.of("status", "200", "path", "/"),
            "",
            ""));

    HttpResponse<String> response = web.getAsAdmin("/api/dashboard");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("requests").asLong()).isEqualTo(1);
    assertThat(body.get("top_paths").get(0).get("value").asText()).isEqualTo("/");
    assertThat(body.get("top_referrers")).isEmpty();
    assertThat(body.get("top_user_agents")).isEmpty();
    assertThat(body.get("top_clients")).isEmpty();
  }
}
