package outpost.bench.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few OpenSearch REST calls the benchmark makes (no auth, plain HTTP on loopback), on the JDK's
 * HTTP client. Thread-safe.
 */
public final class OpenSearchHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  /** A response: status and body. */
  public record Response(int status, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI base;

  public OpenSearchHttp(URI base) {
    this.base = base;
  }

  public URI base() {
    return base;
  }

  /** True when {@code /_cluster/health} answers 200 with status green or yellow. */
  boolean up() {
    try {
      Response r = send("GET", "/_cluster/health", null, null);
      String status = r.json().path("status").asText();
      return r.status() == 200 && (status.equals("green") || status.equals("yellow"));
    } catch (IOException e) {
      return false; // not listening yet or answering garbage while starting
    }
  }

  /** GET; fails on a status other than 200. */
  JsonNode get(String path) throws IOException {
    return ok("GET", path, send("GET", path, null, null)).json();
  }

  /** PUT or POST of a JSON body; fails on a status other than 200. */
  JsonNode json(String method, String path, String body) throws IOException {
    return ok(method, path, send(method, path, body, "application/json")).json();
  }

  /** A request whose status the caller checks (bulk: 429 is backpressure, not an error). */
  Response send(String method, String path, String body, String contentType) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during " + method + " " + path, e);
    }
  }

  /** Makes the last writes searchable and commits them (refresh, then flush). */
  void refreshAndFlush(String indices) throws IOException {
    json("POST", "/" + indices + "/_refresh", "");
    json("POST", "/" + indices + "/_flush", "");
  }

  /** Size of the primaries' store (Lucene files, not the translog) of {@code indices}. */
  long storeBytes(String indices) throws IOException {
    return get("/" + indices + "/_stats/store")
        .path("_all")
        .path("primaries")
        .path("store")
        .path("size_in_bytes")
        .asLong(-1);
  }

  /** Documents visible to search in {@code indices}. */
  long count(String indices) throws IOException {
    return get("/" + indices + "/_count").path("count").asLong(-1);
  }

  private static Response ok(String method, String path, Response r) throws IOException {
    if (r.status() != 200) {
      String body = r.body().length() <= 500 ? r.body() : r.body().substring(0, 500) + "...";
      throw new IOException(method + " " + path + " -> " + r.status() + ": " + body);
    }
    return r;
  }

  @Override
  public String toString() {
    return base.toString();
  }
}
