package outpost.alerts.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The https kind against a local TLS server whose certificate openssl makes valid for two days:
 * days to expiry against the thresholds, with verification on (a CA file) or off (insecure).
 */
class HttpsCheckTest {
  @TempDir static Path dir;
  static HttpsServer server;
  static String url;
  static Path cert;
  final CheckFactory factory = new CheckFactory(TestEnv.env());

  @BeforeAll
  static void start() throws Exception {
    cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Path p12 = dir.resolve("server.p12");
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        cert.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=outpost-test",
        "-addext",
        "subjectAltName=IP:127.0.0.1");
    openssl(
        "pkcs12",
        "-export",
        "-in",
        cert.toString(),
        "-inkey",
        key.toString(),
        "-out",
        p12.toString(),
        "-passout",
        "pass:changeit");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        ex -> {
          byte[] body = "secure hello".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          try (var out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    url = "https://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  static void openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("openssl %s: %s", command, out).isZero();
  }

  CheckResult run(Map<String, String> params) throws InterruptedException {
    return factory.create("https", params, TestEnv.LOCAL).run();
  }

  @Test
  void certificateExpiringWithinTheWarningDaysIsAWarning() throws Exception {
    CheckResult r =
        run(
            Map.of(
                "url",
                url,
                "ca_file",
                cert.toString(),
                "cert_warning_days",
                "7",
                "cert_critical_days",
                "1",
                "body_contains",
                "secure hello"));
    assertThat(r.status()).isEqualTo(Status.WARNING);
    assertThat(r.output())
        .startsWith(
            "HTTP WARNING: HTTP/1.1 200 OK - certificate 'CN=outpost-test' expires in 1 day (");
  }

  @Test
  void certificateExpiringWithinTheCriticalDaysIsCritical() throws Exception {
    CheckResult r =
        run(
            Map.of(
                "url",
                url,
                "ca_file",
                cert.toString(),
                "cert_warning_days",
                "30",
                "cert_critical_days",
                "7"));
    assertThat(r.status()).isEqualTo(Status.CRITICAL);
    assertThat(r.output()).contains("expires in 1 day");
  }

  @Test
  void certificateFarEnoughFromExpiryIsOk() throws Exception {
    CheckResult r = run(Map.of("url", url, "ca_file", cert.toString(), "cert_warning_days", "1"));
    assertThat(r.status()).isEqualTo(Status.OK);
    assertThat(r.output()).startsWith("HTTP OK: HTTP/1.1 200 OK - 12 bytes in ");
  }

  @Test
  void untrustedCertificateFailsVerification() throws Exception {
    CheckResult r = run(Map.of("url", url, "cert_warning_days", "7"));
    assertThat(r.status()).isEqualTo(Status.CRITICAL);
    assertThat(r.output()).startsWith("TLS failed: ");
  }

  @Test
  void insecureSkipsVerificationButStillReadsTheCertificate() throws Exception {
    CheckResult r = run(Map.of("url", url, "insecure", "true", "cert_warning_days", "7"));
    assertThat(r.status()).isEqualTo(Status.WARNING);
    assertThat(r.output()).contains("expires in 1 day");
  }

  @Test
  void hostNameIsVerifiedAgainstTheCertificate() throws Exception {
    // the certificate names 127.0.0.1 only; localhost reaches the same server (the JDK prefers
    // IPv4) under a name the certificate does not hold
    String other = "https://localhost:" + server.getAddress().getPort() + "/";
    CheckResult wrongName = run(Map.of("url", other, "ca_file", cert.toString()));
    assertThat(wrongName.status()).isEqualTo(Status.CRITICAL);
    assertThat(wrongName.output()).startsWith("TLS failed: ");
  }
}
