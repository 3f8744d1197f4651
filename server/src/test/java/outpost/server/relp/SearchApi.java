package outpost.server.relp;

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

/** The parts of Outpost's HTTP API this package's tests read: search and metrics. Thread-safe. */
final class SearchApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 5000;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String authorization =
      "Basic "
          + Base64.getEncoder()
              .encodeToString(
                  ("admin:" + OutpostJvm.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

  SearchApi(int webPort) {
    this.base = "http://127.0.0.1:" + webPort;
  }

  /** The search total for {@code query} over the day around now. */
  long total(String query) {
    return page(query, 1, null).path("total").asLong(-1);
  }

  /** The message of every hit, following the cursor. */
  List<String> messages(String query) {
    List<String> out = new ArrayList<>();
    String after = null;
    while (true) {
      JsonNode page = page(query, PAGE, after);
      page.path("hits").forEach(h -> out.add(h.path("message").asText()));
      String next = page.path("next").asText("");
      if (page.path("hits").isEmpty() || next.isEmpty()) {
        return out;
      }
      after = next;
    }
  }

  /** {@code GET /metrics} as text. */
  String metrics() {
    return get(base + "/metrics").body();
  }

  private JsonNode page(String query, int limit, String after) {
    Instant now = Instant.now();
    String url =
        base
            + "/api/search?q="
            + encode(query)
            + "&from="
            + encode(now.minus(Duration.ofDays(1)).toString())
            + "&to="
            + encode(now.plus(Duration.ofDays(1)).toString())
            + "&limit="
            + limit
            + (after == null ? "" : "&after=" + encode(after));
    HttpResponse<String> response = get(url);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + url + " answered " + response.statusCode());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> get(String url) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization)
            .GET()
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + url, e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
