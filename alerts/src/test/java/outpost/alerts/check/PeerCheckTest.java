package outpost.alerts.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The peer kind against a local server answering as Outpost's /health does. */
class PeerCheckTest {
  HttpServer server;
  final AtomicInteger code = new AtomicInteger(200);
  final AtomicReference<String> body = new AtomicReference<>();
  final CheckFactory factory = new CheckFactory(TestEnv.env());
  String base;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/health",
        ex -> {
          byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(code.get(), b.length);
          try (var out = ex.getResponseBody()) {
            out.write(b);
          }
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  CheckResult run() throws InterruptedException {
    return factory.create("peer", Map.of("url", base), CheckTarget.outpost("outpost")).run();
  }

  @Test
  void upIsOk() throws Exception {
    body.set("{\"status\":\"up\",\"components\":{\"index\":{\"status\":\"up\",\"details\":{}}}}");
    CheckResult r = run();
    assertThat(r.status()).isEqualTo(Status.OK);
    assertThat(r.output()).isEqualTo("PEER OK: status up (HTTP 200)");
    assertThat(r.longOutput()).isEqualTo(base + "/health");
  }

  @Test
  void degradedIsAWarningNamingTheComponent() throws Exception {
    body.set(
        "{\"status\":\"degraded\",\"components\":{\"index\":{\"status\":\"degraded\","
            + "\"details\":{\"paused\":\"disk full\"}},\"ingest\":{\"status\":\"up\"}}}");
    CheckResult r = run();
    assertThat(r.status()).isEqualTo(Status.WARNING);
    assertThat(r.output())
        .isEqualTo("PEER WARNING: index degraded {\"paused\":\"disk full\"} (HTTP 200)");
  }

  @Test
  void downOr503IsCritical() throws Exception {
    code.set(503);
    body.set(
        "{\"status\":\"down\",\"components\":{\"ingest\":{\"status\":\"down\",\"details\":null}}}");
    CheckResult r = run();
    assertThat(r.status()).isEqualTo(Status.CRITICAL);
    assertThat(r.output()).isEqualTo("PEER CRITICAL: ingest down (HTTP 503)");
    body.set("<html>busy</html>");
    assertThat(run().output())
        .isEqualTo("PEER CRITICAL: HTTP 503 without a health status from " + base + "/health");
  }

  @Test
  void unreachablePeerIsCritical() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CheckResult r =
        factory
            .create(
                "peer",
                Map.of("url", "http://127.0.0.1:" + port + "/"),
                CheckTarget.outpost("outpost"))
            .run();
    assertThat(r.status()).isEqualTo(Status.CRITICAL);
    assertThat(r.output()).isEqualTo("PEER CRITICAL: connection refused");
  }

  @Test
  void appendsHealthToTheBaseUrl() {
    assertThat(PeerCheck.health("http://a:8080").toString()).isEqualTo("http://a:8080/health");
    assertThat(PeerCheck.health("https://a/outpost/").toString())
        .isEqualTo("https://a/outpost/health");
    assertThat(PeerCheck.health("http://a/health").toString()).isEqualTo("http://a/health");
  }
}
