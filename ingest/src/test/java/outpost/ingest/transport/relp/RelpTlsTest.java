package outpost.ingest.transport.relp;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.ingest.IngestMetrics;
import outpost.ingest.transport.CollectingSink;
import outpost.ingest.transport.FakeEventDecoder;
import outpost.ingest.transport.limits.ListenerLimits;
import outpost.ingest.transport.tls.ClientAuthMode;
import outpost.ingest.transport.tls.KeyMaterial;
import outpost.ingest.transport.tls.SyslogTlsSettings;
import outpost.ingest.transport.tls.TestPki;
import outpost.ingest.transport.tls.TlsClient;
import outpost.ingest.transport.tls.TlsHandshakeHandler;
import outpost.ingest.transport.tls.TlsRefusal;

/**
 * RELP over TLS on a real listener (127.0.0.1:0) with certificates made by openssl and a JDK TLS
 * client speaking RELP: a client of the trusted CA gets every message acknowledged and its events
 * carry its certificate subject; a client without a certificate is refused and counted; the plain
 * RELP port keeps working beside it.
 */
class RelpTlsTest {
  @TempDir Path dir;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CollectingSink sink = new CollectingSink();
  private TestPki pki;
  private TestPki.Ca ca;
  private RelpReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    pki = new TestPki(dir);
    ca = pki.ca("ca");
    TestPki.Leaf server = pki.server(ca, "server");
    SyslogTlsSettings tls =
        new SyslogTlsSettings(
            new KeyMaterial.Pem(server.certificate(), server.key()),
            ClientAuthMode.REQUIRED,
            Optional.of(ca.certificate()),
            List.of(),
            Optional.empty(),
            Duration.ZERO);
    receiver =
        new RelpReceiver(
            new RelpReceiverConfig(
                "127.0.0.1",
                0,
                64 * 1024,
                2,
                64,
                Duration.ZERO,
                ListenerLimits.NONE,
                0,
                Optional.of(tls)),
            new FakeEventDecoder(),
            sink,
            null,
            registry,
            InstantSource.system());
    receiver.start();
  }

  @AfterEach
  void close() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void clientWithCertificateGetsEveryMessageAcknowledgedAndTagged() throws Exception {
    TestPki.Leaf node = pki.client(ca, "node-1");
    TlsClient tls = TlsClient.connect(receiver.tlsPort(), ca.certificate(), node);
    try (RelpTestClient client = new RelpTestClient(tls.socket())) {
      client.open();
      assertThat(client.read().data()).startsWith("200 OK");
      for (int i = 0; i < 20; i++) {
        client.send("syslog", "<13>relp over tls " + i);
      }
      for (int i = 0; i < 20; i++) {
        RelpTestClient.Response r = client.read();
        assertThat(r.txnr()).isEqualTo(i + 2);
        assertThat(r.data()).isEqualTo("200 OK");
      }
      int close = client.send("close", "");
      assertThat(client.read()).isEqualTo(new RelpTestClient.Response(close, "rsp", ""));
    }

    assertThat(sink.size()).isEqualTo(20);
    assertThat(sink.events())
        .allSatisfy(
            e -> {
              assertThat(e.transport()).isEqualTo("relp");
              assertThat(e.fields())
                  .containsEntry(TlsHandshakeHandler.CN_FIELD, "node-1")
                  .containsEntry(TlsHandshakeHandler.SUBJECT_FIELD, "CN=node-1,O=Outpost Test");
            });
    assertThat(registry.counter(IngestMetrics.MESSAGES, "transport", "relp").count()).isEqualTo(20);
  }

  @Test
  void clientWithoutCertificateIsRefusedAndCounted() throws Exception {
    long before = receiver.handshakes().refused(TlsRefusal.NO_CERTIFICATE);
    try (TlsClient tls = TlsClient.connect(receiver.tlsPort(), ca.certificate(), null)) {
      // TLS 1.3: the client finishes its side first and learns of the refusal when it reads
      RelpTestClient client = new RelpTestClient(tls.socket());
      client.open();
      assertThat(client.closedByServer()).isTrue();
    } catch (IOException refusedInHandshake) {
      // TLS 1.2 or an early alert: the refusal ended the handshake itself
    }
    await()
        .atMost(10, SECONDS)
        .until(() -> receiver.handshakes().refused(TlsRefusal.NO_CERTIFICATE) == before + 1);
    assertThat(sink.size()).isZero();
  }

  @Test
  void plainRelpPortWorksBesideTheTlsPortAndPlainTextIsRefusedOnTheTlsPort() throws Exception {
    try (RelpTestClient plain = new RelpTestClient(receiver.port())) {
      plain.open();
      assertThat(plain.read().data()).startsWith("200 OK");
      plain.send("syslog", "<13>plain relp");
      assertThat(plain.read().data()).isEqualTo("200 OK");
    }
    assertThat(sink.events())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.fields())
                    .doesNotContainKeys(
                        TlsHandshakeHandler.CN_FIELD, TlsHandshakeHandler.SUBJECT_FIELD));

    long before = receiver.handshakes().refused(TlsRefusal.HANDSHAKE);
    try (RelpTestClient wrong =
        new RelpTestClient(new Socket(InetAddress.getLoopbackAddress(), receiver.tlsPort()))) {
      wrong.open();
      assertThat(wrong.closedByServer()).isTrue();
    }
    await()
        .atMost(10, SECONDS)
        .until(() -> receiver.handshakes().refused(TlsRefusal.HANDSHAKE) == before + 1);
    assertThat(sink.size()).isEqualTo(1);
  }
}
