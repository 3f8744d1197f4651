package outpost.agents;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS with a CA and a client certificate made by the real openssl, and UDP. */
class TlsAndUdpTest {
  @TempDir Path dir;

  void openssl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("openssl %s: %s", command, out).isZero();
  }

  @BeforeEach
  void certificates() throws Exception {
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=test-ca");
    Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=localhost");
    openssl(
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "server.ext");
    openssl(
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "client.key",
        "-out",
        "client.csr",
        "-subj",
        "/CN=web-7");
    openssl(
        "x509",
        "-req",
        "-in",
        "client.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "client.pem",
        "-days",
        "2");
  }

  SSLContext serverContext() throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "server",
        PemTls.privateKey(dir.resolve("server.key")),
        new char[0],
        PemTls.certificates(dir.resolve("server.pem")).toArray(Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", PemTls.certificates(dir.resolve("ca.pem")).getFirst());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  AgentOptions options(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--spool-dir", dir.resolve("spool").toString(), "--heartbeat", "0"));
    all.addAll(List.of("--hostname", "web-7", "--tag", "app"));
    return AgentOptions.parse("logpipe", all, Map.of());
  }

  static void send(Agent agent, int n) {
    for (int i = 0; i < n; i++) {
      byte[] line = ("line " + i).getBytes(StandardCharsets.UTF_8);
      agent.line(line, line.length, false, null);
    }
  }

  @Test
  void sendsOverTlsWithTheClientCertificateToAServerSignedByTheGivenCa() throws Exception {
    try (SyslogSink sink = SyslogSink.startTls(serverContext());
        Agent agent =
            Agent.start(
                options(
                    "--server",
                    "127.0.0.1:" + sink.port(),
                    "--tls",
                    "--ca",
                    dir.resolve("ca.pem").toString(),
                    "--cert",
                    dir.resolve("client.pem").toString(),
                    "--key",
                    dir.resolve("client.key").toString()),
                InstantSource.system())) {
      send(agent, 100);
      await().atMost(30, SECONDS).until(() -> sink.bodies("app").size() == 100);
      assertThat(sink.bodies("app").getLast()).isEqualTo("line 99");
      assertThat(sink.peers()).containsOnly("CN=web-7");
    }
  }

  @Test
  void sendsOverRelpInTlsWithTheClientCertificateAndCountsOnlyAcknowledgedLines() throws Exception {
    try (RelpSink sink = RelpSink.startTls(serverContext());
        Agent agent =
            Agent.start(
                options(
                    "--server",
                    "127.0.0.1:" + sink.port(),
                    "--relp",
                    "--tls",
                    "--ca",
                    dir.resolve("ca.pem").toString(),
                    "--cert",
                    dir.resolve("client.pem").toString(),
                    "--key",
                    dir.resolve("client.key").toString()),
                InstantSource.system())) {
      send(agent, 100);
      await().atMost(30, SECONDS).until(() -> agent.counters().sent.get() == 100);
      assertThat(sink.stored()).hasSize(100).endsWith("line 99");
      assertThat(sink.errors()).isEmpty();
    }
  }

  @Test
  void aServerItDoesNotTrustGetsNothingAndTheLinesAreSpooled() throws Exception {
    try (SyslogSink sink = SyslogSink.startTls(serverContext());
        Agent agent =
            Agent.start(
                options("--server", "127.0.0.1:" + sink.port(), "--tls"), // JDK trust store only
                InstantSource.system())) {
      send(agent, 10);
      await().atMost(30, SECONDS).until(() -> agent.counters().spooled.get() == 10);
      assertThat(sink.bodies("app")).isEmpty();
    }
  }

  @Test
  void refusesAKeyInTheOldOpensslFormWithTheCommandThatConvertsIt() throws Exception {
    openssl("pkey", "-in", "server.key", "-traditional", "-out", "old.key");
    assertThatThrownBy(() -> PemTls.privateKey(dir.resolve("old.key")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + dir.resolve("old.key"));
  }

  @Test
  void sendsOneDatagramPerLineOverUdp() throws Exception {
    try (DatagramSocket receiver =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      try (Agent agent =
          Agent.start(
              options("--server", "127.0.0.1:" + receiver.getLocalPort(), "--udp"),
              InstantSource.system())) {
        send(agent, 5);
        List<String> got = new ArrayList<>();
        byte[] buf = new byte[65_536];
        receiver.setSoTimeout(30_000);
        for (int i = 0; i < 5; i++) {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          receiver.receive(p);
          got.add(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
        }
        assertThat(got.getFirst()).matches("<14>1 \\S+ web-7 app \\d+ - - line 0");
        assertThat(got.getLast()).endsWith(" - - line 4");
      }
    }
  }
}
