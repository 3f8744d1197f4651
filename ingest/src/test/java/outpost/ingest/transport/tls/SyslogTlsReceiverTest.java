package outpost.ingest.transport.tls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.LogEvent;
import outpost.ingest.IngestMetrics;
import outpost.ingest.transport.CollectingSink;
import outpost.ingest.transport.FakeEventDecoder;
import outpost.ingest.transport.limits.Cidr;
import outpost.ingest.transport.limits.ListenerLimits;

/**
 * A real TLS listener on 127.0.0.1:0 with certificates made by openssl, and JDK clients: admitted
 * clients' messages carry their certificate subject; clients without a certificate, with another
 * CA's, with an expired one, or speaking plain text are refused and counted by reason.
 */
class SyslogTlsReceiverTest {
  @TempDir Path dir;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CollectingSink sink = new CollectingSink();
  private TestPki pki;
  private TestPki.Ca ca;
  private TestPki.Leaf server;
  private SyslogTlsReceiver receiver;

  @BeforeEach
  void makeCertificates() throws Exception {
    pki = new TestPki(dir);
    ca = pki.ca("ca");
    server = pki.server(ca, "server");
  }

  @AfterEach
  void close() {
    if (receiver != null) {
      receiver.close();
    }
  }

  private int start(ClientAuthMode auth, Optional<Path> clientCa, List<String> fingerprints)
      throws IOException {
    return start(auth, clientCa, fingerprints, ListenerLimits.NONE);
  }

  private int start(
      ClientAuthMode auth,
      Optional<Path> clientCa,
      List<String> fingerprints,
      ListenerLimits limits)
      throws IOException {
    SyslogTlsSettings tls =
        new SyslogTlsSettings(
            new KeyMaterial.Pem(server.certificate(), server.key()),
            auth,
            clientCa,
            fingerprints,
            Optional.empty(),
            Duration.ZERO);
    receiver =
        new SyslogTlsReceiver(
            new TlsReceiverConfig("0.0.0.0", 0, 64 * 1024, 2, Duration.ZERO, tls, limits),
            new FakeEventDecoder(),
            sink,
            registry,
            InstantSource.system());
    return receiver.start();
  }

  @Test
  void admitsClientOfTheCaAndTagsEventsWithItsSubject() throws Exception {
    int port = start(ClientAuthMode.REQUIRED, Optional.of(ca.certificate()), List.of());
    TestPki.Leaf node = pki.client(ca, "node-1");

    try (TlsClient client = TlsClient.connect(port, ca.certificate(), node)) {
      client.send("<13>first over tls", "<13>second over tls");
      await().atMost(10, SECONDS).until(() -> sink.size() == 2);
    }
    assertThat(sink.messages()).containsExactly("<13>first over tls", "<13>second over tls");
    LogEvent event = sink.events().get(0);
    assertThat(event.transport()).isEqualTo("tls");
    assertThat(event.fields())
        .containsEntry(TlsHandshakeHandler.SUBJECT_FIELD, "CN=node-1,O=Outpost Test")
        .containsEntry(TlsHandshakeHandler.CN_FIELD, "node-1");
    assertThat(count(IngestMetrics.MESSAGES, "transport", "tls")).isEqualTo(2);
  }

  @Test
  void refusesClientWithoutCertificate() throws Exception {
    int port = start(ClientAuthMode.REQUIRED, Optional.of(ca.certificate()), List.of());
    assertRefused(port, null, TlsRefusal.NO_CERTIFICATE);
  }

  @Test
  void refusesClientOfAnotherCa() throws Exception {
    int port = start(ClientAuthMode.REQUIRED, Optional.of(ca.certificate()), List.of());
    TestPki.Ca other = pki.ca("other-ca");
    assertRefused(port, pki.client(other, "intruder"), TlsRefusal.UNTRUSTED);
  }

  @Test
  void refusesExpiredClient() throws Exception {
    int port = start(ClientAuthMode.REQUIRED, Optional.of(ca.certificate()), List.of());
    assertRefused(port, pki.expiredClient(ca, "old-node"), TlsRefusal.EXPIRED);
  }

  @Test
  void fingerprintAdmitsSelfSignedClientAndRefusesOthers() throws Exception {
    TestPki.Leaf listed = pki.selfSigned("listed");
    TestPki.Leaf unlisted = pki.selfSigned("unlisted");
    String fingerprint =
        Fingerprints.of(TlsFiles.certificates(listed.certificate()).get(0))
            .toUpperCase()
            .replaceAll("(..)(?!$)", "$1:");
    int port = start(ClientAuthMode.REQUIRED, Optional.empty(), List.of(fingerprint));

    try (TlsClient client = TlsClient.connect(port, ca.certificate(), listed)) {
      client.send("<13>from a listed key");
      await().atMost(10, SECONDS).until(() -> sink.size() == 1);
    }
    assertThat(sink.events().get(0).fields()).containsEntry("tls_cn", "listed");
    assertRefused(port, unlisted, TlsRefusal.FINGERPRINT);
  }

  @Test
  void fingerprintFileIsReloadedWithoutRestart() throws Exception {
    TestPki.Leaf newcomer = pki.selfSigned("newcomer");
    Path list = dir.resolve("fingerprints.txt");
    Files.writeString(list, "# admitted client certificates\n");
    SyslogTlsSettings tls =
        new SyslogTlsSettings(
            new KeyMaterial.Pem(server.certificate(), server.key()),
            ClientAuthMode.REQUIRED,
            Optional.empty(),
            List.of(),
            Optional.of(list),
            Duration.ofMillis(100));
    receiver =
        new SyslogTlsReceiver(
            new TlsReceiverConfig(
                "127.0.0.1", 0, 64 * 1024, 1, Duration.ZERO, tls, ListenerLimits.NONE),
            new FakeEventDecoder(),
            sink,
            registry,
            InstantSource.system());
    int port = receiver.start();
    assertRefused(port, newcomer, TlsRefusal.FINGERPRINT);

    Files.writeString(
        list,
        "# admitted client certificates\n"
            + Fingerprints.of(TlsFiles.certificates(newcomer.certificate()).get(0))
            + "  # newcomer\n");
    // the periodic check (every 100 ms) picks the change up
    await()
        .atMost(10, SECONDS)
        .untilAsserted(() -> assertThat(count(IngestMetrics.TLS_RELOADS)).isEqualTo(1));
    try (TlsClient client = TlsClient.connect(port, ca.certificate(), newcomer)) {
      client.send("<13>admitted after reload");
      await().atMost(10, SECONDS).until(() -> sink.size() == 1);
    }
  }

  @Test
  void optionalClientAuthAdmitsClientWithoutCertificate() throws Exception {
    int port = start(ClientAuthMode.OPTIONAL, Optional.of(ca.certificate()), List.of());
    try (TlsClient client = TlsClient.connect(port, ca.certificate(), null)) {
      client.send("<13>anonymous");
      await().atMost(10, SECONDS).until(() -> sink.size() == 1);
    }
    assertThat(sink.events().get(0).fields()).doesNotContainKey("tls_subject");
    TestPki.Ca other = pki.ca("other-ca");
    assertRefused(port, pki.client(other, "intruder"), TlsRefusal.UNTRUSTED);
  }

  @Test
  void allowListAndConnectionCapRefuseBeforeTheHandshake() throws Exception {
    ListenerLimits limits = new ListenerLimits(0, 0, 0, 1, 0, List.of(Cidr.parse("127.0.0.2/32")));
    int port = start(ClientAuthMode.REQUIRED, Optional.of(ca.certificate()), List.of(), limits);
    TestPki.Leaf node = pki.client(ca, "node-2");
    InetAddress allowed = InetAddress.getByName("127.0.0.2");

    assertThatThrownBy(() -> TlsClient.connect(port, ca.certificate(), node))
        .isInstanceOf(IOException.class);
    try (TlsClient first = TlsClient.connect(port, ca.certificate(), node, allowed)) {
      assertThatThrownBy(() -> TlsClient.connect(port, ca.certificate(), node, allowed))
          .isInstanceOf(IOException.class);
      first.send("<13>from the allowed network");
      await().atMost(10, SECONDS).until(() -> sink.size() == 1);
    }
    assertThat(count(IngestMetrics.LIMITED, "listener", "tls", "reason", "not_allowed"))
        .isEqualTo(1);
    assertThat(count(IngestMetrics.LIMITED, "listener", "tls", "reason", "connections_per_source"))
        .isEqualTo(1);
    // closed at accept: no handshake was attempted, so none was refused
    assertThat(receiver.handshakes().refused(TlsRefusal.HANDSHAKE)).isZero();
  }

  @Test
  void refusesPlainTextAsHandshakeFailure() throws Exception {
    int port = start(ClientAuthMode.REQUIRED, Optional.of(ca.certificate()), List.of());
    try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = plain.getOutputStream();
      out.write("<13>not encrypted at all\n".repeat(20).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      plain.setSoTimeout(10_000);
      assertThat(readUntilClosed(plain)).isTrue();
    }
    await()
        .atMost(10, SECONDS)
        .untilAsserted(
            () -> assertThat(receiver.handshakes().refused(TlsRefusal.HANDSHAKE)).isEqualTo(1));
    assertThat(sink.size()).isZero();
  }

  @Test
  void reloadServesTheReplacedCertificateToNewConnections() throws Exception {
    int port = start(ClientAuthMode.REQUIRED, Optional.of(ca.certificate()), List.of());
    TestPki.Leaf node = pki.client(ca, "node-1");
    TlsClient before = TlsClient.connect(port, ca.certificate(), node);
    assertThat(before.serverCertificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=server,O=Outpost Test");
    assertThat(receiver.reload()).as("nothing changed yet").isFalse();

    TestPki.Leaf renewed = pki.server(ca, "server-renewed");
    Files.copy(renewed.key(), server.key(), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(renewed.certificate(), server.certificate(), StandardCopyOption.REPLACE_EXISTING);
    assertThat(receiver.reload()).isTrue();

    try (TlsClient after = TlsClient.connect(port, ca.certificate(), node)) {
      assertThat(after.serverCertificate().getSubjectX500Principal().getName())
          .isEqualTo("CN=server-renewed,O=Outpost Test");
      after.send("<13>after reload");
    }
    // the connection opened before keeps working with its context
    before.send("<13>before reload");
    before.close();
    await().atMost(10, SECONDS).until(() -> sink.size() == 2);
    assertThat(count(IngestMetrics.TLS_RELOADS)).isEqualTo(1);
  }

  @Test
  void badKeyMaterialFailsWithFileAndReason() throws Exception {
    TestPki.Leaf other = pki.client(ca, "someone-else");
    SyslogTlsSettings mismatched =
        new SyslogTlsSettings(
            new KeyMaterial.Pem(server.certificate(), other.key()),
            ClientAuthMode.REQUIRED,
            Optional.of(ca.certificate()),
            List.of(),
            Optional.empty(),
            Duration.ZERO);
    assertThatThrownBy(() -> SyslogTlsContext.load(mismatched, InstantSource.system()))
        .isInstanceOf(TlsSetupException.class)
        .hasMessageContaining(other.key().toString())
        .hasMessageContaining("does not match the certificate");
    assertThatThrownBy(
            () ->
                new SyslogTlsSettings(
                    new KeyMaterial.Pem(server.certificate(), server.key()),
                    ClientAuthMode.REQUIRED,
                    Optional.empty(),
                    List.of(),
                    Optional.empty(),
                    Duration.ZERO))
        .hasMessageContaining("needs a client CA bundle or client fingerprints");
  }

  @Test
  void pkcs12KeystoreServes() throws Exception {
    Path p12 = pki.pkcs12(server, ca, "s3cret");
    SyslogTlsSettings tls =
        new SyslogTlsSettings(
            new KeyMaterial.Pkcs12(p12, "s3cret"),
            ClientAuthMode.REQUIRED,
            Optional.of(ca.certificate()),
            List.of(),
            Optional.empty(),
            Duration.ZERO);
    assertThat(tls.keyMaterial().toString()).doesNotContain("s3cret");
    assertThat(
            SyslogTlsContext.load(tls, InstantSource.system())
                .certificate()
                .getSubjectX500Principal()
                .getName())
        .isEqualTo("CN=server,O=Outpost Test");
    SyslogTlsSettings wrong =
        new SyslogTlsSettings(
            new KeyMaterial.Pkcs12(p12, "wrong"),
            ClientAuthMode.REQUIRED,
            Optional.of(ca.certificate()),
            List.of(),
            Optional.empty(),
            Duration.ZERO);
    assertThatThrownBy(() -> SyslogTlsContext.load(wrong, InstantSource.system()))
        .hasMessageContaining(p12.toString())
        .hasMessageContaining("password is wrong");
  }

  private void assertRefused(int port, TestPki.Leaf client, TlsRefusal reason) throws Exception {
    int before = sink.size();
    long refusedBefore = receiver.handshakes().refused(reason);
    try (TlsClient c = TlsClient.connect(port, ca.certificate(), client)) {
      // TLS 1.3: the client finishes its side first and learns of the refusal when it reads
      c.send("<13>must not arrive");
      assertThat(c.closedByServer()).isTrue();
    } catch (IOException refusedInHandshake) {
      // TLS 1.2 or an early alert: the refusal ended the handshake itself
    }
    await()
        .atMost(10, SECONDS)
        .untilAsserted(
            () -> assertThat(receiver.handshakes().refused(reason)).isEqualTo(refusedBefore + 1));
    assertThat(count(IngestMetrics.TLS_REFUSED, "reason", reason.tag()))
        .isEqualTo(refusedBefore + 1);
    assertThat(sink.size()).isEqualTo(before);
  }

  private static boolean readUntilClosed(Socket socket) {
    try {
      while (socket.getInputStream().read() >= 0) {
        // the server may answer with an alert before it closes
      }
      return true;
    } catch (IOException e) {
      return true;
    }
  }

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }
}
