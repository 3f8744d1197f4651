package outpost.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {
  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final WebhookSender sender = new WebhookSender(Duration.ofSeconds(5));

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        ex -> {
          try (ex) {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            contentTypes.add(ex.getRequestHeaders().getFirst("Content-Type"));
            byte[] answer = "nope".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), answer.length);
            ex.getResponseBody().write(answer);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    sender.close();
  }

  private URI hook() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  @Test
  void postsSlackCompatibleJsonWithStructuredFields() throws Exception {
    SendOutcome outcome =
        sender.send(
            hook(), "CRITICAL web-2/http: refused", Map.of("count", 1, "source", "outpost"));

    assertThat(outcome).isEqualTo(new SendOutcome.Sent("HTTP 200"));
    JsonNode json = new ObjectMapper().readTree(bodies.getFirst());
    assertThat(json.get("text").asText()).isEqualTo("CRITICAL web-2/http: refused");
    assertThat(json.get("count").asInt()).isEqualTo(1);
    assertThat(contentTypes.getFirst()).startsWith("application/json");
  }

  @Test
  void serverErrorsAndRateLimitsAreTemporary() {
    status.set(503);
    assertThat(sender.send(hook(), "x", Map.of()))
        .isInstanceOfSatisfying(
            SendOutcome.TemporaryFailure.class,
            f -> assertThat(f.reason()).isEqualTo("HTTP 503: nope"));
    status.set(429);
    assertThat(sender.send(hook(), "x", Map.of())).isInstanceOf(SendOutcome.TemporaryFailure.class);
  }

  @Test
  void otherClientErrorsArePermanent() {
    status.set(404);
    assertThat(sender.send(hook(), "x", Map.of()))
        .isEqualTo(new SendOutcome.PermanentFailure(404, "HTTP 404: nope"));
    status.set(400);
    assertThat(sender.send(hook(), "x", Map.of())).isInstanceOf(SendOutcome.PermanentFailure.class);
  }

  @Test
  void anUnreachableReceiverIsTemporary() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertThat(sender.send(URI.create("http://127.0.0.1:" + closed + "/hook"), "x", Map.of()))
        .isInstanceOf(SendOutcome.TemporaryFailure.class);
  }

  @Test
  void aHugeErrorBodyIsCutNotBuffered() throws IOException {
    HttpServer big = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    big.createContext(
        "/",
        ex -> {
          try (ex) {
            ex.sendResponseHeaders(400, 0);
            byte[] chunk = "y".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 256; i++) { // 16 MiB
              ex.getResponseBody().write(chunk);
            }
          } catch (IOException e) {
            // the client may stop reading; nothing to do
          }
        });
    big.start();
    try {
      SendOutcome o =
          sender.send(
              URI.create("http://127.0.0.1:" + big.getAddress().getPort() + "/"), "x", Map.of());
      assertThat(o)
          .isInstanceOfSatisfying(
              SendOutcome.PermanentFailure.class,
              f -> assertThat(f.reason()).hasSize("HTTP 400: ".length() + 200));
    } finally {
      big.stop(0);
    }
  }
}
