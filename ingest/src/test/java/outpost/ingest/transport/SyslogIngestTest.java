package outpost.ingest.transport;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import outpost.ingest.IngestConfig;
import outpost.ingest.IngestPorts;
import outpost.ingest.IngestStatus;
import outpost.ingest.SyslogIngest;

class SyslogIngestTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CollectingSink sink = new CollectingSink();
  private SyslogIngest ingest;

  @AfterEach
  void close() {
    if (ingest != null) {
      ingest.close();
    }
  }

  @Test
  void receivesOverUdpAndTcpAndReportsStatus() throws Exception {
    IngestPorts ports = start(IngestConfig.defaults().withListeners("127.0.0.1", 0, 0));
    assertThat(ports.udpPort()).isPositive();
    assertThat(ports.tcpPort()).isPositive();

    byte[] udpLine = "<13>over udp".getBytes(StandardCharsets.US_ASCII);
    try (DatagramSocket udp = new DatagramSocket();
        Socket tcp = new Socket("127.0.0.1", ports.tcpPort())) {
      udp.send(
          new DatagramPacket(
              udpLine, udpLine.length, InetAddress.getLoopbackAddress(), ports.udpPort()));
      tcp.getOutputStream()
          .write("12 <13>over tcpnot syslog\n".getBytes(StandardCharsets.US_ASCII));
      await().atMost(5, SECONDS).until(() -> sink.size() == 3);

      IngestStatus status = ingest.status();
      assertThat(status.listeners())
          .extracting(IngestStatus.Listener::transport)
          .containsExactly("udp", "tcp");
      IngestStatus.Listener udpStatus = status.listeners().get(0);
      IngestStatus.Listener tcpStatus = status.listeners().get(1);
      assertThat(udpStatus.port()).isEqualTo(ports.udpPort());
      assertThat(udpStatus.messages()).isEqualTo(1);
      assertThat(tcpStatus.port()).isEqualTo(ports.tcpPort());
      assertThat(tcpStatus.connections()).isEqualTo(1);
      assertThat(tcpStatus.messages()).isEqualTo(2);
      assertThat(tcpStatus.parseErrors()).isEqualTo(1);
      assertThat(tcpStatus.dropped()).isZero();
      assertThat(status.udpKernelReceiveBufferErrors()).isGreaterThanOrEqualTo(-1);
    }
    assertThat(sink.messages())
        .containsExactlyInAnyOrder("<13>over udp", "<13>over tcp", "not syslog");
    assertThat(sink.events())
        .extracting(e -> e.transport())
        .containsExactlyInAnyOrder("udp", "tcp", "tcp");
  }

  @Test
  void disabledListenerIsNotBound() throws Exception {
    IngestPorts ports =
        start(IngestConfig.defaults().withListeners("127.0.0.1", IngestConfig.DISABLED, 0));

    assertThat(ports.udpPort()).isEqualTo(IngestConfig.DISABLED);
    assertThat(ports.tcpPort()).isPositive();
    assertThat(ingest.status().listeners())
        .extracting(IngestStatus.Listener::transport)
        .containsExactly("tcp");
    assertThat(ingest.status().udpKernelReceiveBufferErrors()).isEqualTo(-1);
  }

  @Test
  void failedStartClosesWhatItStarted() throws Exception {
    IngestPorts first = start(IngestConfig.defaults().withListeners("127.0.0.1", 0, 0));
    SyslogIngest second =
        new SyslogIngest(
            IngestConfig.defaults().withListeners("127.0.0.1", 0, first.tcpPort()),
            new FakeEventDecoder(),
            new FakeEventDecoder(),
            sink,
            new SimpleMeterRegistry(),
            Clock.systemUTC());

    assertThatThrownBy(second::start).isInstanceOf(IOException.class);

    assertThat(second.ports().udpPort()).isEqualTo(-1);
    second.close();
  }

  @Test
  void closeIsSafeTwice() throws Exception {
    start(IngestConfig.defaults().withListeners("127.0.0.1", 0, 0));

    ingest.close();
    ingest.close();

    assertThat(ingest.ports()).isEqualTo(new IngestPorts(-1, -1));
  }

  @Test
  void defaultsListenOnAllAddressesOnPort5514() {
    IngestConfig defaults = IngestConfig.defaults();

    assertThat(defaults.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(defaults.udpPort()).isEqualTo(5514);
    assertThat(defaults.tcpPort()).isEqualTo(5514);
    assertThat(defaults.maxFrameBytes()).isEqualTo(65536);
    assertThat(defaults.udpReceiveBufferBytes()).isEqualTo(16 * 1024 * 1024);
    assertThat(defaults.tcpIdleTimeout()).isEqualTo(Duration.ZERO);
    assertThat(defaults.tcp().threads()).isPositive();
  }

  @Test
  void rejectsBadConfigNamingValueAndLimit() {
    assertThatThrownBy(() -> IngestConfig.defaults().withListeners("0.0.0.0", 70000, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("UDP port 70000 outside 0..65535 (or -1 to disable)");
    assertThatThrownBy(() -> new IngestConfig("0.0.0.0", 0, 0, 0, 1, 0, 0, Duration.ZERO))
        .hasMessageContaining("frame limit 0 outside 1..");
  }

  private IngestPorts start(IngestConfig config) throws IOException {
    ingest =
        new SyslogIngest(
            config,
            new FakeEventDecoder(),
            new FakeEventDecoder(),
            sink,
            registry,
            Clock.systemUTC());
    return ingest.start();
  }
}
