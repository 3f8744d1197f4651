package outpost.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.web.auth.UserStore;
import outpost.web.search.SavedSearchStore;
import outpost.web.tls.OpenSsl;
import outpost.web.tls.TlsIdentities;
import outpost.web.tls.TlsIdentity;

/** The web server over HTTPS, from PEM files and from a PKCS#12 keystore. */
class TlsServerTest {
  @TempDir Path dir;

  private WebServer start(TlsIdentity identity) throws IOException {
    UserStore users =
        UserStore.open(
            dir.resolve(UserStore.FILE_NAME),
            TestServer.PASSWORD,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            TestServer.HASHER);
    WebConfig config =
        new WebConfig(
            "127.0.0.1",
            0,
            false,
            WebConfig.DEFAULT_MAX_REQUEST_BYTES,
            WebConfig.DEFAULT_MAX_REQUEST_HEADER_BYTES,
            Optional.of(identity));
    WebServer server =
        new WebServer(
            config,
            new WebServices(
                new FakeLogSearch(),
                new FakeLogTail(),
                new FakeHostDirectory(TestServer.NOW),
                Map.of(),
                users,
                outpost.web.auth.TokenStore.open(
                    dir.resolve("tokens.json"), new MutableClock(TestServer.NOW)),
                SavedSearchStore.open(
                    dir.resolve(SavedSearchStore.FILE_NAME), new MutableClock(TestServer.NOW)),
                new FakeAlertService(new MutableClock(TestServer.NOW)),
                null),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            new MutableClock(TestServer.NOW));
    server.start();
    return server;
  }

  /** A client that trusts only {@code certificate}, offering only {@code protocols}. */
  private static HttpClient trusting(Path certificate, String... protocols)
      throws IOException, GeneralSecurityException {
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
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(protocols);
    return HttpClient.newBuilder()
        .sslContext(context)
        .sslParameters(parameters)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request)
      throws IOException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static void assertServesHttps(WebServer server, Path certificate) throws Exception {
    String base = "https://127.0.0.1:" + server.port();
    for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
      try (HttpClient client = trusting(certificate, protocol)) {
        HttpResponse<String> health =
            send(client, HttpRequest.newBuilder(URI.create(base + "/health")).build());
        assertThat(health.statusCode()).as(protocol).isEqualTo(200);
        assertThat(health.sslSession())
            .hasValueSatisfying(s -> assertThat(s.getProtocol()).isEqualTo(protocol));
        assertThat(health.headers().firstValue("Strict-Transport-Security"))
            .contains("max-age=31536000");

        HttpResponse<String> login =
            send(
                client,
                HttpRequest.newBuilder(URI.create(base + "/api/session"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"admin\",\"password\":\""
                                + TestServer.PASSWORD
                                + "\"}"))
                    .build());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Set-Cookie"))
            .hasValueSatisfying(c -> assertThat(c).contains("Secure").contains("HttpOnly"));
      }
    }
  }

  private static void assertPlainHttpFails(WebServer server) throws IOException {
    try (HttpClient plain = HttpClient.newHttpClient()) {
      assertThatThrownBy(
              () ->
                  send(
                      plain,
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + server.port() + "/health"))
                          .timeout(Duration.ofSeconds(10))
                          .build()))
          .isInstanceOf(IOException.class);
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      byte[] reply = socket.getInputStream().readNBytes(64);
      assertThat(new String(reply, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1 200");
    } catch (IOException expected) {
      // the server may reset the connection instead of answering: plain HTTP failed either way
    }
  }

  @Test
  void servesHttpsOnlyFromPemFiles() throws Exception {
    OpenSsl.selfSigned(dir, "web", "rsa:2048");
    try (WebServer server =
        start(TlsIdentities.fromPem(dir.resolve("web.crt"), dir.resolve("web.key")))) {
      assertServesHttps(server, dir.resolve("web.crt"));
      assertPlainHttpFails(server);
    }
  }

  @Test
  void servesHttpsOnlyFromAPkcs12Keystore() throws Exception {
    OpenSsl.selfSigned(dir, "web", "ec");
    OpenSsl.pkcs12(dir, "web", "store secret");
    try (WebServer server =
        start(TlsIdentities.fromPkcs12(dir.resolve("web.p12"), "store secret"))) {
      assertServesHttps(server, dir.resolve("web.crt"));
      assertPlainHttpFails(server);
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
    OpenSsl.selfSigned(dir, "web", "rsa:2048");
    OpenSsl.selfSigned(dir, "other", "rsa:2048");
    try (WebServer server =
            start(TlsIdentities.fromPem(dir.resolve("web.crt"), dir.resolve("web.key")));
        HttpClient client = trusting(dir.resolve("other.crt"), "TLSv1.3")) {
      assertThatThrownBy(
              () ->
                  send(
                      client,
                      HttpRequest.newBuilder(
                              URI.create("https://127.0.0.1:" + server.port() + "/health"))
                          .build()))
          .isInstanceOf(IOException.class);
    }
  }
}
