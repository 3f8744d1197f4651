package outpost.server;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.ingest.transport.tls.TestPki;

/**
 * Outpost on an OpenSearch cluster behind HTTPS and Basic auth (a real Apache httpd in front of a
 * real node): with the right password and CA it works end to end; with a wrong password or a CA
 * that did not sign the certificate it keeps running, journals what it receives, says why in {@code
 * /health} (never the password), and ships everything once started with the right settings.
 */
class OpenSearchAuthTlsTest {
  private static final String USER = "outpost";
  private static final String PASSWORD = "right-Pa55word";

  @TempDir static Path tmp;
  static ApacheTlsProxy proxy;
  static TestPki.Ca ca;
  static TestPki.Ca otherCa;

  @BeforeAll
  static void proxyWithTlsAndBasicAuth() throws Exception {
    TestPki pki = new TestPki(tmp.resolve("pki"));
    ca = pki.ca("cluster-ca");
    otherCa = pki.ca("other-ca");
    TestPki.Leaf server = pki.server(ca, "localhost");
    proxy =
        ApacheTlsProxy.start(
            tmp.resolve("apache"), OpenSearchEndToEndTest.nodeUrl(), server, USER, PASSWORD);
  }

  @AfterAll
  static void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  static Map<String, String> env(String prefix, String password, Path caFile) throws IOException {
    Path secret = Files.createTempFile(tmp, "os", ".pw");
    Files.writeString(secret, password + "\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> env =
        new HashMap<>(OpenSearchEndToEndTest.openSearchEnv(proxy.url(), prefix, 1));
    env.put("OUTPOST_STORE_OPENSEARCH_USERNAME", USER);
    env.put("OUTPOST_STORE_OPENSEARCH_PASSWORD_FILE", secret.toString());
    env.put("OUTPOST_STORE_OPENSEARCH_CA_FILE", caFile.toString());
    return env;
  }

  @Test
  void worksThroughHttpsWithBasicAuth() throws Exception {
    String prefix = OpenSearchEndToEndTest.prefix("auth");
    String token = RunningOutpost.token();
    try (RunningOutpost outpost =
        RunningOutpost.start(tmp.resolve("good"), env(prefix, PASSWORD, ca.certificate()))) {
      send(outpost.tcpPort(), token, 50);
      ApiClient api = outpost.api();
      await("50 messages searchable through the proxy")
          .atMost(60, SECONDS)
          .pollInterval(200, MILLISECONDS)
          .untilAsserted(() -> assertThat(api.total(token)).isEqualTo(50));
      JsonNode index = index(api);
      assertThat(index.path("status").asText()).isEqualTo("up");
      assertThat(index.path("details").path("backendError").asText()).isEmpty();
    }
    assertThat(OpenSearchEndToEndTest.countInNode(OpenSearchEndToEndTest.nodeUrl(), prefix, token))
        .isEqualTo(50);
  }

  @Test
  void wrongPasswordIsReportedAndNothingIsLost() throws Exception {
    String prefix = OpenSearchEndToEndTest.prefix("badpw");
    String token = RunningOutpost.token();
    Path dataDir = tmp.resolve("badpw");
    String wrong = "wrong-Pa55word";
    try (Outpost outpost =
        Outpost.start(RunningOutpost.config(dataDir, env(prefix, wrong, ca.certificate())))) {
      send(outpost.tcpPort(), token, 30);
      ApiClient api = new ApiClient(outpost.webPort());
      awaitDegraded(api, "401", "Unauthorized");
      assertThat(api.health().body()).doesNotContain(wrong).doesNotContain(PASSWORD);
      assertThat(index(api).path("details").path("journaledSeq").asLong())
          .isGreaterThanOrEqualTo(30);
    }
    try (RunningOutpost outpost =
        RunningOutpost.start(dataDir, env(prefix, PASSWORD, ca.certificate()))) {
      await("the 30 journaled messages shipped with the right password")
          .atMost(60, SECONDS)
          .pollInterval(200, MILLISECONDS)
          .untilAsserted(() -> assertThat(outpost.api().total(token)).isEqualTo(30));
    }
  }

  @Test
  void certificateFromAnotherCaIsReported() throws Exception {
    String prefix = OpenSearchEndToEndTest.prefix("badca");
    try (Outpost outpost =
        Outpost.start(
            RunningOutpost.config(
                tmp.resolve("badca"), env(prefix, PASSWORD, otherCa.certificate())))) {
      send(outpost.tcpPort(), RunningOutpost.token(), 5);
      awaitDegraded(new ApiClient(outpost.webPort()), "PKIX");
    }
  }

  /**
   * Waits for the index to be degraded with a {@code backendError} holding one of {@code reasons}.
   */
  private static void awaitDegraded(ApiClient api, String... reasons) {
    await("/health to report the index degraded: " + String.join(" or ", reasons))
        .atMost(60, SECONDS)
        .pollInterval(200, MILLISECONDS)
        .untilAsserted(
            () -> {
              JsonNode index = index(api);
              assertThat(index.path("status").asText()).isEqualTo("degraded");
              assertThat(index.path("details").path("backendError").asText())
                  .containsAnyOf(reasons);
            });
    assertThat(ApiClient.parse(api.health().body()).path("status").asText()).isEqualTo("degraded");
  }

  private static JsonNode index(ApiClient api) {
    return ApiClient.parse(api.health().body()).path("components").path("index");
  }

  private static void send(int port, String token, int n) throws IOException {
    try (SyslogSender tcp = new SyslogSender(port, true)) {
      for (int i = 0; i < n; i++) {
        tcp.send(SyslogSender.rfc5424("db-1", "postgres", "checkpoint " + i + " " + token));
      }
      tcp.flush();
    }
  }
}
