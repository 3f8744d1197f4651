package outpost.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Server-Sent-Events client for tests: its own HTTP client, a virtual thread that parses the
 * stream into {@link Event}s and comments, and {@link #close()} that drops the connection like a
 * browser tab being closed.
 */
final class SseReader implements AutoCloseable {
  /** One event; a comment has the name {@code :} and its text as data. */
  record Event(String name, String data) {}

  final int status;
  final HttpHeaders headers;
  final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final HttpClient client;
  private final Stream<String> lines;

  private SseReader(HttpClient client, HttpResponse<Stream<String>> response) {
    this.client = client;
    this.status = response.statusCode();
    this.headers = response.headers();
    this.lines = response.body();
  }

  static SseReader open(URI uri, String authorization) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Accept", "text/event-stream")
            .header("Authorization", authorization)
            .build();
    SseReader reader =
        new SseReader(client, client.send(request, HttpResponse.BodyHandlers.ofLines()));
    if (reader.status == 200) {
      Thread.ofVirtual().start(reader::parse);
    }
    return reader;
  }

  /** The whole body of a response that is not a stream (an error). */
  String body() {
    return lines.collect(Collectors.joining("\n"));
  }

  /** The next event that is not a comment, waiting up to 10 s; null when none came. */
  Event next(String name) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Event e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (e != null && e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private void parse() {
    String name = "message";
    StringBuilder data = new StringBuilder();
    try {
      Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            events.add(new Event(name, data.toString()));
          }
          name = "message";
          data.setLength(0);
        } else if (line.startsWith(":")) {
          events.add(new Event(":", line.substring(1).strip()));
        } else if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
        }
      }
    } catch (RuntimeException e) {
      // the connection was closed by close(): the stream ends
    }
  }

  @Override
  public void close() {
    client.shutdownNow();
    lines.close();
  }
}
