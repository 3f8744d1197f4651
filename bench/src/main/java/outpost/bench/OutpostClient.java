package outpost.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A client of one server's HTTP API (Basic auth as {@code admin}). Thread-safe. */
public final class OutpostClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;
  private final String auth;

  public OutpostClient(int webPort, String password) {
    this.base = "http://127.0.0.1:" + webPort;
    this.auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A response body and how long the round trip took. */
  public record Timed(String body, long nanos) {}

  /**
   * GETs {@code path?params} (or {@code path&params} when the path has a query already) and returns
   * the body; fails on any status but 200.
   */
  public Timed get(String path, Map<String, String> params) throws IOException {
    String query =
        params.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    URI uri =
        URI.create(base + path + (query.isEmpty() ? "" : (path.contains("?") ? "&" : "?") + query));
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", auth).GET().build();
    long t0 = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during GET " + uri, e);
    }
    long nanos = System.nanoTime() - t0;
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + uri + " -> " + response.statusCode() + ": " + abbreviate(response.body()));
    }
    return new Timed(response.body(), nanos);
  }

  /** The {@code total} of a search for {@code q} over {@code [from, to]}. */
  public long searchTotal(String q, String from, String to) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("q", q);
    params.put("from", from);
    params.put("to", to);
    params.put("limit", "1");
    return json(get("/api/search", params).body()).path("total").asLong(-1);
  }

  /** The current Prometheus scrape. */
  Metrics metrics() throws IOException {
    return Metrics.parse(get("/metrics", Map.of()).body());
  }

  /** The {@code /health} document. */
  JsonNode health() throws IOException {
    return json(get("/health", Map.of()).body());
  }

  public static JsonNode json(String body) throws IOException {
    return JSON.readTree(body);
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
