package outpost.server.ui;

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
import java.util.Base64;

/**
 * The JSON API as the tests' own reference: what the browser shows is compared with what the API
 * answers for the same query and time range. Authenticates every request with HTTP Basic.
 * Thread-safe.
 */
final class UiApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String authorization;

  UiApi(String base, String user, String password) {
    this.base = base;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code total} of {@code /api/search} for {@code query} from a day ago to a day ahead. */
  long total(String query) {
    Instant now = Instant.now();
    return total(
        query, now.minus(Duration.ofDays(1)).toString(), now.plus(Duration.ofDays(1)).toString());
  }

  /** {@code total} of {@code /api/search} for {@code query} in [{@code from}, {@code to}). */
  long total(String query, String from, String to) {
    JsonNode page =
        get(
            "/api/search?limit=1&q="
                + encode(query)
                + "&from="
                + encode(from)
                + "&to="
                + encode(to));
    return page.path("total").asLong(-1);
  }

  /** GET {@code pathAndQuery}; the parsed JSON body, or an AssertionError unless status 200. */
  JsonNode get(String pathAndQuery) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", authorization)
            .GET()
            .build();
    HttpResponse<String> response = send(request);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
    }
    return parse(response.body());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + request.uri(), e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
