package outpost.alerts.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http kind against a real local server: up, down, slow, wrong body, wrong status. */
class HttpCheckTest {
  HttpServer server;
  final CountDownLatch release = new CountDownLatch(1);
  final CheckFactory factory = new CheckFactory(TestEnv.env());
  String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", ex -> reply(ex, 200, "hello from web-2, all ok"));
    server.createContext("/fail", ex -> reply(ex, 500, "boom"));
    server.createContext(
        "/moved",
        ex -> {
          ex.getResponseHeaders().add("Location", "/");
          reply(ex, 302, "");
        });
    server.createContext(
        "/header", ex -> reply(ex, 200, "token=" + ex.getRequestHeaders().getFirst("X-Token")));
    server.createContext("/method", ex -> reply(ex, 200, "method=" + ex.getRequestMethod()));
    server.createContext(
        "/slow",
        ex -> {
          try {
            release.await(30, TimeUnit.SECONDS); // held until the test ends: never answers in time
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          reply(ex, 200, "late");
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (var out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  CheckResult run(Map<String, String> params) throws InterruptedException {
    return factory.create("http", params, TestEnv.LOCAL).run();
  }

  @Test
  void okWithNagiosStyleOutputAndPerfdata() throws Exception {
    CheckResult r = run(Map.of("url", base + "/", "body_contains", "all ok"));
    assertThat(r.status()).isEqualTo(Status.OK);
    assertThat(r.output())
        .matches("HTTP OK: HTTP/1\\.1 200 OK - 24 bytes in \\d+\\.\\d{3} second response time");
    assertThat(r.perfData()).extracting(PerfValue::label).containsExactly("time", "size");
    assertThat(r.perfData().get(1)).isEqualTo(new PerfValue("size", 24, "B", "", "", 0.0, null));
    assertThat(PerfDataParser.format(r.perfData()))
        .matches("time=\\d+(\\.\\d+)?s;;;0 size=24B;;;0");
  }

  @Test
  void defaultUrlIsTheHostAddress() throws Exception {
    CheckTarget target = new CheckTarget("web-2", "127.0.0.1:" + server.getAddress().getPort());
    CheckResult r = factory.create("http", Map.of(), target).run();
    assertThat(r.status()).isEqualTo(Status.OK);
  }

  @Test
  void connectionRefusedIsCritical() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CheckResult r = run(Map.of("url", "http://127.0.0.1:" + port + "/"));
    assertThat(r.status()).isEqualTo(Status.CRITICAL);
    assertThat(r.output()).isEqualTo("connection refused");
    assertThat(r.longOutput()).isEqualTo("GET http://127.0.0.1:" + port + "/");
  }

  @Test
  void slowServerTimesOutAsCriticalWithinTheTimeout() throws Exception {
    long start = System.nanoTime();
    CheckResult r = run(Map.of("url", base + "/slow", "timeout", "500ms"));
    assertThat(r.status()).isEqualTo(Status.CRITICAL);
    assertThat(r.output()).isEqualTo("timed out after 500ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void missingBodyTextIsCritical() throws Exception {
    CheckResult r = run(Map.of("url", base + "/", "body_contains", "welcome"));
    assertThat(r.status()).isEqualTo(Status.CRITICAL);
    assertThat(r.output())
        .startsWith("HTTP CRITICAL: HTTP/1.1 200 OK - string 'welcome' not found - 24 bytes");
    assertThat(run(Map.of("url", base + "/", "body_regex", "web-\\d+")).status())
        .isEqualTo(Status.OK);
    assertThat(run(Map.of("url", base + "/", "body_regex", "^all")).output())
        .contains("pattern '^all' not found");
  }

  @Test
  void unexpectedStatusIsCritical() throws Exception {
    CheckResult r = run(Map.of("url", base + "/fail"));
    assertThat(r.status()).isEqualTo(Status.CRITICAL);
    assertThat(r.output())
        .startsWith(
            "HTTP CRITICAL: HTTP/1.1 500 Internal Server Error - status 500 not in 200-399");
    assertThat(run(Map.of("url", base + "/fail", "expect_status", "200,500-503")).status())
        .isEqualTo(Status.OK);
    assertThat(run(Map.of("url", base + "/nothing-here", "expect_status", "200")).status())
        .isEqualTo(Status.OK);
  }

  @Test
  void redirectsAreReportedOrFollowed() throws Exception {
    CheckResult r = run(Map.of("url", base + "/moved", "expect_status", "200"));
    assertThat(r.status()).isEqualTo(Status.CRITICAL);
    assertThat(r.output()).contains("HTTP/1.1 302 Found");
    CheckResult followed =
        run(Map.of("url", base + "/moved", "expect_status", "200", "follow_redirects", "true"));
    assertThat(followed.status()).isEqualTo(Status.OK);
  }

  @Test
  void latencyThresholdsUseNagiosRanges() throws Exception {
    // any real exchange takes more than a microsecond, and less than ten seconds
    CheckResult warn = run(Map.of("url", base + "/", "warning", "0.000001", "critical", "10"));
    assertThat(warn.status()).isEqualTo(Status.WARNING);
    assertThat(warn.output()).contains("beyond 0.000001");
    assertThat(warn.perfData().getFirst().warning()).isEqualTo("0.000001");
    assertThat(warn.perfData().getFirst().critical()).isEqualTo("10");
    CheckResult crit = run(Map.of("url", base + "/", "critical", "@0:10"));
    assertThat(crit.status()).isEqualTo(Status.CRITICAL);
    assertThat(run(Map.of("url", base + "/", "warning", "5", "critical", "10")).status())
        .isEqualTo(Status.OK);
  }

  @Test
  void sendsHeadersAndMethod() throws Exception {
    Map<String, String> p = new HashMap<>();
    p.put("url", base + "/header");
    p.put("headers", "X-Token: abc123\nAccept: text/plain");
    p.put("body_contains", "token=abc123");
    assertThat(run(p).status()).isEqualTo(Status.OK);
    CheckResult head =
        run(Map.of("url", base + "/method", "method", "post", "body_contains", "method=POST"));
    assertThat(head.status()).isEqualTo(Status.OK);
  }
}
