package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static outpost.web.TestServer.basic;
import static outpost.web.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.web.auth.LoginThrottle;
import outpost.web.auth.UserStore;

class WebServerTest {
  @TempDir Path dataDir;

  @Test
  void apiRefusesRequestsWithoutCredentials() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      HttpResponse<String> response = web.get("/api/search", null);

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .contains("Basic realm=\"Outpost\"");
      assertThat(json(response).get("error").asText()).isEqualTo("unauthorized");
    }
  }

  @Test
  void apiRefusesWrongPasswordUnknownUserAndMalformedHeader() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      for (String header :
          new String[] {
            basic("admin", "wrong"), basic("root", TestServer.PASSWORD), "Basic !!!", "Bearer x"
          }) {
        HttpResponse<String> response = web.get("/api/search", header);

        assertThat(response.statusCode()).as(header).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
            .contains("Basic realm=\"Outpost\"");
      }
      assertThat(web.registry.scrape()).contains("outpost_http_auth_failures_total");
      assertThat(web.registry.get("outpost.http.auth.failures").counters())
          .extracting(c -> c.count())
          .containsExactlyInAnyOrder(3.0, 1.0, 0.0);
    }
  }

  @Test
  void apiAcceptsAdminWithTheRightPassword() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      assertThat(web.getAsAdmin("/api/search").statusCode()).isEqualTo(200);
      // Second time from the credential cache.
      assertThat(web.getAsAdmin("/api/search").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void throttlesAnAddressAfterRepeatedFailuresEvenWithTheRightPassword() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      for (int i = 0; i < LoginThrottle.DEFAULT_MAX_FAILURES; i++) {
        assertThat(web.get("/api/search", basic("admin", "guess" + i)).statusCode()).isEqualTo(401);
      }

      HttpResponse<String> refused = web.getAsAdmin("/api/search");

      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).contains("300");

      web.clock.advance(LoginThrottle.DEFAULT_WINDOW);
      assertThat(web.getAsAdmin("/api/search").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void healthNeedsNoLoginAndReportsEachComponent() throws IOException {
    Map<String, HealthSource> health =
        Map.of(
            "ingest", () -> ComponentHealth.up(new IngestStatus(5514, 12, Duration.ofSeconds(3))),
            "index", () -> ComponentHealth.degraded(Map.of("paused", "disk full")));
    try (TestServer web = new TestServer(dataDir, health, false)) {
      HttpResponse<String> response = web.get("/health", null);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
      JsonNode body = json(response);
      assertThat(body.get("status").asText()).isEqualTo("degraded");
      assertThat(body.at("/components/ingest/status").asText()).isEqualTo("up");
      assertThat(body.at("/components/ingest/details/udpPort").asInt()).isEqualTo(5514);
      assertThat(body.at("/components/ingest/details/lag").asText()).isEqualTo("PT3S");
      assertThat(body.at("/components/index/details/paused").asText()).isEqualTo("disk full");
    }
  }

  record IngestStatus(int udpPort, long dropped, Duration lag) {}

  @Test
  void healthIs503WhenAComponentIsDownOrItsSourceThrows() throws IOException {
    Map<String, HealthSource> health =
        Map.of(
            "ingest", () -> ComponentHealth.up(null),
            "index",
                () -> {
                  throw new IllegalStateException("secret internals");
                });
    try (TestServer web = new TestServer(dataDir, health, false)) {
      HttpResponse<String> response = web.get("/health", null);

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(json(response).get("status").asText()).isEqualTo("down");
      assertThat(json(response).at("/components/index/status").asText()).isEqualTo("down");
      assertThat(response.body()).doesNotContain("secret internals");
    }
  }

  @Test
  void metricsServesPrometheusTextWithJvmAndHttpMeters() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      web.get("/health", null);

      HttpResponse<String> response = web.get("/metrics", null);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .contains("text/plain; version=0.0.4; charset=utf-8");
      assertThat(response.body())
          .contains("jvm_memory_used_bytes")
          .contains("process_uptime_seconds")
          .contains(
              "outpost_http_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"2xx\"}");
    }
  }

  @Test
  void metricsCountsRefusedAndUnmatchedRequestsWithBoundedTags() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      web.get("/api/search", null);
      web.get("/no/such/path/" + "x".repeat(50), null);

      String metrics = web.get("/metrics", null).body();

      assertThat(metrics)
          .contains("route=\"/api/search\",status=\"4xx\"")
          .contains("route=\"unmatched\",status=\"4xx\"")
          .doesNotContain("xxxxxxxxxx");
    }
  }

  @Test
  void metricsNegotiatesOpenMetrics() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      var request =
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create("http://127.0.0.1:" + web.port + "/metrics"))
              .header("Accept", "application/openmetrics-text; version=1.0.0")
              .build();
      HttpResponse<String> response;
      try (var client = java.net.http.HttpClient.newHttpClient()) {
        response = client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }

      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/openmetrics-text"));
      assertThat(response.body()).endsWith("# EOF\n");
    }
  }

  @Test
  void metricsCanRequireLogin() throws IOException {
    try (TestServer web = new TestServer(dataDir, Map.of(), true)) {
      assertThat(web.get("/metrics", null).statusCode()).isEqualTo(401);
      assertThat(web.getAsAdmin("/metrics").statusCode()).isEqualTo(200);
      assertThat(web.get("/health", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void everyResponseCarriesSecurityHeaders() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      for (HttpResponse<String> response :
          java.util.List.of(
              web.get("/health", null),
              web.get("/api/search", null),
              web.getAsAdmin("/api/search?limit=0"),
              web.get("/nope", null))) {
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
            .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("Server")).isEmpty();
      }
    }
  }

  @Test
  void unknownPathIsJson404() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      HttpResponse<String> response = web.get("/nope", null);

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).get("error").asText()).isEqualTo("not_found");
    }
  }

  @Test
  void refusesOversizedRequestHeaders() throws IOException {
    try (TestServer web = new TestServer(dataDir)) {
      HttpResponse<String> response =
          web.get("/api/search?q=" + "a".repeat(WebConfig.DEFAULT_MAX_REQUEST_HEADER_BYTES), null);

      assertThat(response.statusCode()).isIn(414, 431);
    }
  }

  @Test
  void startReturnsTheBoundPortAndCloseIsIdempotent() throws IOException {
    TestServer web = new TestServer(dataDir);
    assertThat(web.port).isPositive().isEqualTo(web.server.port());
    assertThatThrownBy(web.server::start).isInstanceOf(IllegalStateException.class);

    web.close();
    web.server.close();

    assertThatThrownBy(() -> web.get("/health", null)).isInstanceOf(RuntimeException.class);
  }

  @Test
  void closeWithoutStartIsSafe() throws IOException {
    var users =
        UserStore.open(
            dataDir.resolve(UserStore.FILE_NAME),
            TestServer.PASSWORD,
            System.out,
            TestServer.HASHER);
    var server =
        new WebServer(
            new WebConfig("127.0.0.1", 0, false),
            new WebServices(
                new FakeLogSearch(),
                new FakeLogTail(),
                new FakeHostDirectory(Instant.EPOCH),
                Map.of(),
                users,
                outpost.web.auth.TokenStore.open(
                    dataDir.resolve("tokens.json"), new MutableClock(Instant.EPOCH)),
                outpost.web.search.SavedSearchStore.open(
                    dataDir.resolve("saved.json"), new MutableClock(Instant.EPOCH)),
                new FakeAlertService(new MutableClock(Instant.EPOCH)),
                null),
            new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT),
            new MutableClock(Instant.EPOCH));
    server.close();
    server.close();
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }
}
