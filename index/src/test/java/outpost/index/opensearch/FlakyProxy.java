package outpost.index.opensearch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on loopback in front of a real OpenSearch node that answers the first {@code _bulk}
 * requests with the given error statuses (429 backpressure, 503) and forwards everything else.
 * Thread-safe; the test closes it.
 */
final class FlakyProxy implements AutoCloseable {
  private static final Set<String> HOP_HEADERS =
      Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade", "expect");

  private final URI target;
  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final Deque<Integer> refusals;
  private final AtomicInteger refused = new AtomicInteger();
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  FlakyProxy(URI target, List<Integer> bulkRefusals) throws IOException {
    this.target = target;
    this.refusals = new ArrayDeque<>(bulkRefusals);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Bulk requests answered with an error so far. */
  int refused() {
    return refused.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      Integer refusal = null;
      if (ex.getRequestURI().getPath().endsWith("/_bulk")) {
        synchronized (refusals) {
          refusal = refusals.poll();
        }
      }
      if (refusal != null) {
        refused.incrementAndGet();
        byte[] error =
            ("{\"error\":{\"type\":\"test_refusal\",\"reason\":\"refused by the test proxy\"},"
                    + "\"status\":"
                    + refusal
                    + "}")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(refusal, error.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(error);
        }
        return;
      }
      forward(ex, body);
    }
  }

  private void forward(HttpExchange ex, byte[] body) throws IOException {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(target.resolve(ex.getRequestURI().toString()))
            .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    ex.getRequestHeaders()
        .forEach(
            (k, vs) -> {
              if (!HOP_HEADERS.contains(k.toLowerCase())) {
                vs.forEach(v -> req.header(k, v));
              }
            });
    HttpResponse<byte[]> r;
    try {
      r = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    r.headers()
        .map()
        .forEach(
            (k, vs) -> {
              if (!HOP_HEADERS.contains(k.toLowerCase()) && !k.startsWith(":")) {
                vs.forEach(v -> ex.getResponseHeaders().add(k, v));
              }
            });
    ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(r.body());
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    client.close();
  }
}
