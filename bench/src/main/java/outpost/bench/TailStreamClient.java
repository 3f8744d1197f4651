package outpost.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Reads {@code GET /api/tail?q=} (Server-Sent Events) and records each marker hit's arrival in
 * {@link LatencySamples}. {@link #open} returns once the server answered with the stream's headers,
 * that is once the subscription exists; {@link #close} ends it. Thread-safe for one reader thread
 * (the one started by {@link #open}) and one closer.
 */
final class TailStreamClient implements AutoCloseable {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final LatencySamples samples;
  private volatile long matched;
  private volatile long dropped;
  private volatile boolean closing;
  private volatile Exception failure;
  private Thread reader;

  TailStreamClient(LatencySamples samples) {
    this.samples = samples;
  }

  /** Opens the stream for {@code query} and starts reading it. */
  void open(int webPort, String password, String query) throws IOException, InterruptedException {
    String auth =
        Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + webPort
                + "/api/tail?q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Basic " + auth)
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + uri + " -> " + response.statusCode());
    }
    reader = Thread.ofPlatform().name("tail-sse-reader").start(() -> read(response.body()));
  }

  private void read(Stream<String> lines) {
    String event = "";
    try (lines) {
      Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("data:") && !event.equals("")) {
          onData(event, line.substring(5).strip());
        } else if (line.isEmpty()) {
          event = "";
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!closing) {
        failure = e;
      }
    }
  }

  private void onData(String event, String data) throws IOException {
    long now = System.nanoTime();
    JsonNode json = OutpostClient.json(data);
    if (event.equals("hits")) {
      for (JsonNode hit : json.path("hits")) {
        samples.delivered(TailTraffic.markerNumber(hit.path("message").asText("")), now);
      }
    }
    matched = json.path("matched").asLong(matched);
    dropped = json.path("dropped").asLong(dropped);
  }

  /** Matches the server counted for this stream, as of its last event. */
  long matched() {
    return matched;
  }

  /** Matches the server dropped for this stream, as of its last event. */
  long dropped() {
    return dropped;
  }

  /** Why reading stopped early, or null. */
  Exception failure() {
    return failure;
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    http.shutdownNow();
    if (reader != null) {
      reader.join(Duration.ofSeconds(10));
    }
  }
}
