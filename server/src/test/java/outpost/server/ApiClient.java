package outpost.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Test client for Outpost's HTTP API: search (with cursor paging), {@code /metrics} and {@code
 * /health}. Searches span one day either side of now. Thread-safe.
 */
final class ApiClient {
  static final String ADMIN_PASSWORD = "test-password";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE_SIZE = 5000;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String authorization =
      "Basic "
          + Base64.getEncoder()
              .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

  ApiClient(int webPort) {
    this.base = "http://127.0.0.1:" + webPort;
  }

  /** One search page: the parsed JSON body; fails unless the status is 200. */
  JsonNode search(String query, int limit) {
    return search(query, limit, null);
  }

  /** The search API's {@code total} for {@code query}. */
  long total(String query) {
    return search(query, 1).path("total").asLong(-1);
  }

  /** Every hit for {@code query}, following the {@code next} cursor until it runs out. */
  List<JsonNode> allHits(String query) {
    List<JsonNode> hits = new ArrayList<>();
    String after = null;
    while (true) {
      JsonNode page = search(query, PAGE_SIZE, after);
      page.path("hits").forEach(hits::add);
      JsonNode next = page.path("next");
      if (page.path("hits").isEmpty() || next.isNull() || next.asText("").isEmpty()) {
        return hits;
      }
      after = next.asText();
    }
  }

  private JsonNode search(String query, int limit, String after) {
    HttpResponse<String> response = searchResponse(query, limit, after);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET " + response.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return parse(response.body());
  }

  /** One search page as the raw HTTP response, whatever its status. */
  HttpResponse<String> searchResponse(String query, int limit) {
    return searchResponse(query, limit, null);
  }

  private HttpResponse<String> searchResponse(String query, int limit, String after) {
    Instant now = Instant.now();
    StringBuilder url =
        new StringBuilder(base)
            .append("/api/search?q=")
            .append(encode(query))
            .append("&from=")
            .append(encode(now.minus(Duration.ofDays(1)).toString()))
            .append("&to=")
            .append(encode(now.plus(Duration.ofDays(1)).toString()))
            .append("&limit=")
            .append(limit);
    if (after != null) {
      url.append("&after=").append(encode(after));
    }
    return get(url.toString(), true);
  }

  /** {@code GET /metrics}, parsed. */
  PrometheusText metrics() {
    HttpResponse<String> response = get(base + "/metrics", false);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET /metrics answered " + response.statusCode());
    }
    return PrometheusText.parse(response.body());
  }

  /** {@code GET /health}: the raw response (status and JSON text). */
  HttpResponse<String> health() {
    return get(base + "/health", false);
  }

  /** A GET with or without the admin login. */
  HttpResponse<String> get(String url, boolean login) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
    if (login) {
      request.header("Authorization", authorization);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + url, e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
