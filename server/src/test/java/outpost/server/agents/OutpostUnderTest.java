package outpost.server.agents;

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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import outpost.server.Outpost;
import outpost.server.OutpostConfig;

/**
 * Outpost started in this JVM with syslog TCP on 127.0.0.1 (port 0 or a given one, to start again
 * on the same port) and the web API on a free port, plus the few API calls the agent tests need.
 * Close it to stop Outpost.
 */
final class OutpostUnderTest implements AutoCloseable {
  static final String PASSWORD = "agents-test-password";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Outpost outpost;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String auth =
      "Basic "
          + Base64.getEncoder()
              .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  private OutpostUnderTest(Outpost outpost) {
    this.outpost = outpost;
    this.base = "http://127.0.0.1:" + outpost.webPort();
  }

  static OutpostUnderTest start(Path dataDir, int tcpPort) {
    return start(dataDir, tcpPort, Map.of());
  }

  /** Also listens for RELP on 127.0.0.1:{@code relpPort} ({@code syslog.relp_port}). */
  static OutpostUnderTest startWithRelp(Path dataDir, int relpPort) {
    return start(dataDir, 0, Map.of("OUTPOST_SYSLOG_RELP_PORT", Integer.toString(relpPort)));
  }

  private static OutpostUnderTest start(Path dataDir, int tcpPort, Map<String, String> extra) {
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "OUTPOST_DATA_DIR", dataDir.toString(),
                "OUTPOST_SYSLOG_BIND", "127.0.0.1",
                "OUTPOST_SYSLOG_UDP_PORT", "-1",
                "OUTPOST_SYSLOG_TCP_PORT", Integer.toString(tcpPort),
                "OUTPOST_WEB_BIND", "127.0.0.1",
                "OUTPOST_WEB_PORT", "0",
                "OUTPOST_ADMIN_PASSWORD", PASSWORD));
    env.putAll(extra);
    return new OutpostUnderTest(Outpost.start(OutpostConfig.load(null, env)));
  }

  int tcpPort() {
    return outpost.tcpPort();
  }

  /** The search API's total for {@code query} over the day either side of now. */
  long total(String query) {
    return search(query, 1, null).path("total").asLong(-1);
  }

  /** Every hit for {@code query}, following the cursor. */
  List<JsonNode> allHits(String query) {
    List<JsonNode> hits = new ArrayList<>();
    String after = null;
    while (true) {
      JsonNode page = search(query, 5000, after);
      page.path("hits").forEach(hits::add);
      JsonNode next = page.path("next");
      if (page.path("hits").isEmpty() || next.isNull() || next.asText("").isEmpty()) {
        return hits;
      }
      after = next.asText();
    }
  }

  private JsonNode search(String query, int limit, String after) {
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
    return get(url);
  }

  /** The host's entry in {@code GET /api/hosts}, or a missing node. */
  JsonNode host(String name) {
    for (JsonNode h : get(base + "/api/hosts").path("hosts")) {
      if (h.path("name").asText().equals(name)) {
        return h;
      }
    }
    return JSON.missingNode();
  }

  private JsonNode get(String url) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", auth)
            .GET()
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "GET " + url + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
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

  @Override
  public void close() {
    outpost.close();
  }
}
