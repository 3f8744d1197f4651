package outpost.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole server configured for HTTPS through its configuration keys. */
class HttpsEndToEndTest {
  @TempDir Path dir;

  private HttpClient trusting(Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry(
          "outpost", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(context)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Test
  void servesTheApiOverHttpsOnlyWithArgon2idUsers() throws Exception {
    OpenSslCommand.certificate(dir, "web");
    OutpostConfig config =
        OutpostConfig.load(
            null,
            Map.of(
                "OUTPOST_DATA_DIR", dir.resolve("data").toString(),
                "OUTPOST_SYSLOG_BIND", "127.0.0.1",
                "OUTPOST_SYSLOG_UDP_PORT", "-1",
                "OUTPOST_SYSLOG_TCP_PORT", "0",
                "OUTPOST_WEB_BIND", "127.0.0.1",
                "OUTPOST_WEB_PORT", "0",
                "OUTPOST_ADMIN_PASSWORD", "https test password",
                "OUTPOST_WEB_TLS_CERTIFICATE", dir.resolve("web.crt").toString(),
                "OUTPOST_WEB_TLS_PRIVATE_KEY", dir.resolve("web.key").toString()));
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("admin:https test password".getBytes(StandardCharsets.UTF_8));
    try (Outpost outpost = Outpost.start(config);
        HttpClient client = trusting(dir.resolve("web.crt"));
        HttpClient plain = HttpClient.newHttpClient()) {
      String base = "https://127.0.0.1:" + outpost.webPort();

      HttpResponse<String> search =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/api/search"))
                  .header("Authorization", basic)
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(search.statusCode()).isEqualTo(200);
      assertThat(search.headers().firstValue("Strict-Transport-Security")).isPresent();
      assertThat(Files.readString(dir.resolve("data").resolve("users.json")))
          .contains("$argon2id$v=19$m=19456,t=2,p=1$");
      assertThatThrownBy(
              () ->
                  plain.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + outpost.webPort() + "/health"))
                          .timeout(Duration.ofSeconds(10))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    }
  }
}
