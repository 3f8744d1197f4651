package outpost.ingest.transport.udp;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.ingest.DropReason;
import outpost.ingest.IngestMetrics;
import outpost.ingest.transport.CollectingSink;
import outpost.ingest.transport.FakeEventDecoder;
import outpost.ingest.transport.NettyIo;

class SyslogUdpReceiverTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CollectingSink sink = new CollectingSink();
  private SyslogUdpReceiver receiver;

  @TempDir Path dir;

  @AfterEach
  void close() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void receivesOneMessagePerDatagram() throws Exception {
    int port = start(1024, 1);

    try (DatagramSocket client = new DatagramSocket()) {
      for (int i = 0; i < 100; i++) {
        send(client, port, "<13>udp " + i + (i % 2 == 0 ? "\n" : "\r\n"));
      }
    }

    await().atMost(5, SECONDS).until(() -> sink.size() == 100);
    assertThat(sink.messages())
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 100).mapToObj(i -> "<13>udp " + i).toList());
    assertThat(sink.events()).allSatisfy(e -> assertThat(e.host()).isEqualTo("127.0.0.1"));
    await().atMost(5, SECONDS).until(() -> count(IngestMetrics.ACCEPTED) == 100);
    assertThat(count(IngestMetrics.MESSAGES)).isEqualTo(100);
  }

  @Test
  void spreadsOnePortOverSeveralChannels() throws Exception {
    int port = start(1024, 2);
    assertThat(receiver.channels()).isEqualTo(NettyIo.isNative() ? 2 : 1);

    // SO_REUSEPORT picks a socket by the sender's address, so use many senders
    for (int i = 0; i < 40; i++) {
      try (DatagramSocket client = new DatagramSocket()) {
        send(client, port, "<13>from sender " + i);
      }
    }

    await().atMost(5, SECONDS).until(() -> sink.size() == 40);
  }

  @Test
  void truncatesOversizeDatagramAndCountsIt() throws Exception {
    int port = start(100, 1);

    try (DatagramSocket client = new DatagramSocket()) {
      send(client, port, "<13>" + "d".repeat(996));
    }

    await().atMost(5, SECONDS).until(() -> sink.size() == 1);
    assertThat(sink.messages().get(0)).hasSize(100);
    assertThat(sink.events().get(0).fields())
        .containsEntry(FakeEventDecoder.ORIGINAL_LENGTH, "1000");
    assertThat(count(IngestMetrics.FRAMES_TRUNCATED)).isEqualTo(1);
    assertThat(count(IngestMetrics.BYTES)).isEqualTo(1000);
  }

  @Test
  void dropsAndCountsWhatAFullStoreRefuses() throws Exception {
    int port = start(1024, 1);
    sink.full(true);

    try (DatagramSocket client = new DatagramSocket()) {
      for (int i = 0; i < 50; i++) {
        send(client, port, "<13>refused " + i);
      }
      await()
          .atMost(5, SECONDS)
          .until(() -> count(IngestMetrics.DROPPED, DropReason.BACKPRESSURE) == 50);
      assertThat(sink.size()).isZero();

      sink.full(false);
      send(client, port, "<13>taken");
    }

    await().atMost(5, SECONDS).until(() -> sink.messages().contains("<13>taken"));
    assertThat(count(IngestMetrics.MESSAGES)).isEqualTo(51);
  }

  @Test
  void accountsForEveryDatagramOfAFloodAndStaysUp() throws Exception {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/snmp")), "needs Linux counters");
    int port = start(1024, 0);
    double kernelErrorsBefore = kernelInErrors();
    int flood = 100_000;
    byte[] tiny = "<13>x".getBytes(StandardCharsets.US_ASCII);

    try (DatagramSocket client = new DatagramSocket()) {
      DatagramPacket packet =
          new DatagramPacket(tiny, tiny.length, InetAddress.getLoopbackAddress(), port);
      for (int i = 0; i < flood; i++) {
        client.send(packet);
      }
      // what Outpost did not receive, the kernel counted (machine-wide, so at least that many)
      await()
          .atMost(30, SECONDS)
          .until(
              () -> count(IngestMetrics.MESSAGES) + kernelInErrors() - kernelErrorsBefore >= flood);

      // the socket buffer may still be full of the flood: repeat until one gets through
      await()
          .atMost(30, SECONDS)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                send(client, port, "<13>still up");
                return sink.messages().contains("<13>still up");
              });
    }

    assertThat(count(IngestMetrics.MESSAGES)).isLessThanOrEqualTo(flood + 200);
  }

  @Test
  void exportsMachineWideKernelDropCounters() throws Exception {
    start(1024, 1);

    double rcvbufErrors =
        registry.get(IngestMetrics.UDP_KERNEL_RCVBUF_ERRORS).functionCounter().count();
    double inErrors = registry.get(IngestMetrics.UDP_KERNEL_IN_ERRORS).functionCounter().count();

    if (Files.isReadable(Path.of("/proc/net/snmp"))) {
      assertThat(rcvbufErrors).isNotNaN().isGreaterThanOrEqualTo(0);
      assertThat(inErrors).isGreaterThanOrEqualTo(rcvbufErrors);
    }
    assertThat(
            registry.get(IngestMetrics.UDP_KERNEL_RCVBUF_ERRORS).meter().getId().getDescription())
        .contains("Machine-wide");
  }

  @Test
  void startsWhenTheKernelCapsTheReceiveBuffer() throws Exception {
    Path snmp = Files.writeString(dir.resolve("snmp"), UdpKernelTest.SNMP);
    Path rmemMax = Files.writeString(dir.resolve("rmem_max"), "212992\n");
    receiver =
        new SyslogUdpReceiver(
            config(1024, 1),
            new FakeEventDecoder(),
            sink,
            registry,
            CLOCK,
            new UdpKernel(snmp, rmemMax));

    assertThat(receiver.start()).isPositive();
    assertThat(receiver.kernelReceiveBufferErrors()).isEqualTo(17);
  }

  @Test
  void closeIsSafeTwiceAndRemovesKernelCounters() throws Exception {
    start(1024, 1);
    assertThatThrownBy(receiver::start).isInstanceOf(IllegalStateException.class);

    receiver.close();
    receiver.close();

    assertThat(receiver.port()).isEqualTo(-1);
    assertThat(registry.find(IngestMetrics.UDP_KERNEL_RCVBUF_ERRORS).meter()).isNull();
  }

  private int start(int maxFrameBytes, int channels) throws IOException {
    receiver =
        new SyslogUdpReceiver(
            config(maxFrameBytes, channels), new FakeEventDecoder(), sink, registry, CLOCK);
    int port = receiver.start();
    assertThat(port).isPositive().isEqualTo(receiver.port());
    return port;
  }

  private static UdpReceiverConfig config(int maxFrameBytes, int channels) {
    return new UdpReceiverConfig("127.0.0.1", 0, maxFrameBytes, 1024 * 1024, channels);
  }

  private static void send(DatagramSocket client, int port, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    client.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
  }

  private double count(String name) {
    return registry.find(name).tag("transport", "udp").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private double count(String name, DropReason reason) {
    return registry.get(name).tag("transport", "udp").tag("reason", reason.tag()).counter().count();
  }

  private double kernelInErrors() {
    return registry.get(IngestMetrics.UDP_KERNEL_IN_ERRORS).functionCounter().count();
  }
}
