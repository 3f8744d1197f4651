package outpost.server.tls;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.ingest.transport.tls.TestPki;
import outpost.ingest.transport.tls.TlsClient;
import outpost.server.Outpost;
import outpost.server.OutpostConfig;

/**
 * The whole server with syslog over TLS on port 0 and client certificates required, certificates
 * made by openssl: a real rsyslogd (gtls) and a real syslog-ng ({@code tls()}) forward with client
 * certificates and each message is searchable by its certificate's CN; JDK clients without a
 * certificate, with another CA's and with an expired one are refused, counted in {@code /metrics}
 * by reason, and nothing they sent is stored.
 */
class SyslogTlsForwardingTest {
  private static final String PASSWORD = "tls-test-password";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dir;
  private static TestPki pki;
  private static TestPki.Ca ca;
  private static Outpost outpost;

  @BeforeAll
  static void start() throws Exception {
    pki = new TestPki(java.nio.file.Files.createDirectories(dir.resolve("pki")));
    ca = pki.ca("nodes-ca");
    TestPki.Leaf server = pki.server(ca, "outpost");
    OutpostConfig config =
        OutpostConfig.load(
            null,
            Map.ofEntries(
                Map.entry("OUTPOST_DATA_DIR", dir.resolve("data").toString()),
                Map.entry("OUTPOST_SYSLOG_BIND", "127.0.0.1"),
                Map.entry("OUTPOST_SYSLOG_UDP_PORT", "-1"),
                Map.entry("OUTPOST_SYSLOG_TCP_PORT", "0"),
                Map.entry("OUTPOST_SYSLOG_TLS_PORT", "0"),
                Map.entry("OUTPOST_SYSLOG_TLS_CERTIFICATE", server.certificate().toString()),
                Map.entry("OUTPOST_SYSLOG_TLS_PRIVATE_KEY", server.key().toString()),
                Map.entry("OUTPOST_SYSLOG_TLS_CLIENT_CA", ca.certificate().toString()),
                Map.entry("OUTPOST_SYSLOG_TIME_ZONE", ZoneId.systemDefault().getId()),
                Map.entry("OUTPOST_WEB_BIND", "127.0.0.1"),
                Map.entry("OUTPOST_WEB_PORT", "0"),
                Map.entry("OUTPOST_ADMIN_PASSWORD", PASSWORD)));
    outpost = Outpost.start(config);
  }

  @AfterAll
  static void stop() {
    if (outpost != null) {
      outpost.close();
    }
  }

  @Test
  void rsyslogForwardsOverTlsWithItsClientCertificate(@TempDir Path peerDir) throws Exception {
    TestPki.Leaf node = pki.client(ca, "rsyslog-node");
    String token = token();
    try (TlsPeer rsyslog = TlsPeer.rsyslog(peerDir, outpost.tlsPort(), ca.certificate(), node)) {
      rsyslog.send("<165>Nov  3 10:00:00 web-7 nginx[12]: upstream slow " + token);
      JsonNode hit = awaitOnlyHit(token + " AND tls_cn:rsyslog-node", rsyslog::diagnostics);
      assertThat(hit.toString()).contains("upstream slow " + token).contains("web-7");
    }
  }

  @Test
  void syslogNgForwardsOverTlsWithItsClientCertificate(@TempDir Path peerDir) throws Exception {
    TestPki.Leaf node = pki.client(ca, "syslog-ng-node");
    String token = token();
    try (TlsPeer syslogNg = TlsPeer.syslogNg(peerDir, outpost.tlsPort(), ca.certificate(), node)) {
      syslogNg.send("<165>Nov  3 10:00:00 db-2 postgres[9]: checkpoint " + token);
      JsonNode hit = awaitOnlyHit(token + " AND tls_cn:syslog-ng-node", syslogNg::diagnostics);
      assertThat(hit.toString()).contains("checkpoint " + token).contains("db-2");
    }
  }

  @Test
  void clientsWithoutAcceptableCertificateAreRefusedAndCounted() throws Exception {
    TestPki.Ca other = pki.ca("other-ca");
    String token = token();
    sendRefused(null, token);
    sendRefused(pki.client(other, "intruder"), token);
    sendRefused(pki.expiredClient(ca, "retired-node"), token);

    await("refusals in /metrics")
        .atMost(10, SECONDS)
        .untilAsserted(
            () -> {
              String metrics = get("/metrics", false).body();
              assertThat(metrics)
                  .contains("outpost_ingest_tls_refused_total{reason=\"no_certificate\"} 1.0")
                  .contains("outpost_ingest_tls_refused_total{reason=\"untrusted\"} 1.0")
                  .contains("outpost_ingest_tls_refused_total{reason=\"expired\"} 1.0");
            });
    // a message over plain TCP proves the store is searchable; the refused ones never arrive
    try (TlsClient ok =
        TlsClient.connect(outpost.tlsPort(), ca.certificate(), pki.client(ca, "n1"))) {
      ok.send("<13>1 2026-01-01T00:00:00Z n1 app - - - fence " + token);
    }
    awaitOnlyHit(token, () -> "");
    assertThat(search(token).path("total").asLong()).isEqualTo(1);
  }

  private static void sendRefused(TestPki.Leaf client, String token) {
    try (TlsClient c = TlsClient.connect(outpost.tlsPort(), ca.certificate(), client)) {
      c.send("<13>1 2026-01-01T00:00:00Z intruder app - - - must not arrive " + token);
      assertThat(c.closedByServer()).isTrue();
    } catch (IOException | java.security.GeneralSecurityException refused) {
      // refused in the handshake itself
    }
  }

  private static String token() {
    return "tok" + UUID.randomUUID().toString().replace("-", "");
  }

  private static JsonNode awaitOnlyHit(String query, Supplier<String> diagnostics) {
    JsonNode[] last = new JsonNode[1];
    try {
      await("search " + query)
          .atMost(60, SECONDS)
          .pollInterval(200, MILLISECONDS)
          .untilAsserted(
              () -> {
                last[0] = search(query);
                assertThat(last[0].path("total").asLong()).isEqualTo(1);
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          e.getMessage() + "\nlast answer: " + last[0] + "\n" + diagnostics.get(), e);
    }
    return last[0].path("hits").get(0);
  }

  private static JsonNode search(String query) throws IOException {
    Instant now = Instant.now();
    String url =
        "/api/search?limit=10&q="
            + enc(query)
            + "&from="
            + enc(now.minus(Duration.ofDays(400)).toString())
            + "&to="
            + enc(now.plus(Duration.ofDays(1)).toString());
    HttpResponse<String> response = get(url, true);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> get(String path, boolean login) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + outpost.webPort() + path))
            .timeout(Duration.ofSeconds(30));
    if (login) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
