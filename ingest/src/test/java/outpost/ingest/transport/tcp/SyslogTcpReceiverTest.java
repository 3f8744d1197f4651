package outpost.ingest.transport.tcp;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import outpost.ingest.DropReason;
import outpost.ingest.IngestMetrics;
import outpost.ingest.transport.CollectingSink;
import outpost.ingest.transport.FakeEventDecoder;

class SyslogTcpReceiverTest {
  private static final int LIMIT = 64 * 1024;
  private static final InstantSource CLOCK =
      java.time.Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CollectingSink sink = new CollectingSink();
  private final List<Socket> sockets = new ArrayList<>();
  private SyslogTcpReceiver receiver;

  @AfterEach
  void close() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void receivesBothFramingsFromManyConnections() throws Exception {
    int port = start(Duration.ZERO);
    int connections = 8;
    int perConnection = 200;
    for (int c = 0; c < connections; c++) {
      try (Socket socket = connect(port)) {
        OutputStream out = new BufferedOutputStream(socket.getOutputStream());
        for (int i = 0; i < perConnection; i++) {
          String message = "<13>conn " + c + " msg " + i;
          out.write(ascii(i % 2 == 0 ? message + "\n" : message.length() + " " + message));
        }
        out.flush();
      }
    }

    await().atMost(10, SECONDS).until(() -> sink.size() == connections * perConnection);
    for (int c = 0; c < connections; c++) {
      String prefix = "<13>conn " + c + " ";
      List<String> received = sink.messages().stream().filter(m -> m.startsWith(prefix)).toList();
      assertThat(received)
          .containsExactlyElementsOf(
              IntStream.range(0, perConnection).mapToObj(i -> prefix + "msg " + i).toList());
    }
    assertThat(sink.events()).allSatisfy(e -> assertThat(e.host()).isEqualTo("127.0.0.1"));
    await()
        .atMost(5, SECONDS)
        .untilAsserted(() -> assertThat(count(IngestMetrics.ACCEPTED)).isEqualTo(1600));
    assertThat(count(IngestMetrics.MESSAGES)).isEqualTo(1600);
    assertThat(count(IngestMetrics.PARSE_ERRORS)).isZero();
  }

  @Test
  void stopsReadingWhileSinkIsFullAndResumesWithoutLoss() throws Exception {
    int port = start(Duration.ZERO);
    sink.full(true);
    // 60 MB: more than the kernel's socket buffers hold (tcp_rmem max 32 MiB + tcp_wmem 4 MiB)
    int total = 100_000;
    String padding = "x".repeat(580);
    Socket socket = connect(port);
    AtomicReference<Throwable> writeFailure = new AtomicReference<>();
    Thread writer =
        Thread.ofPlatform()
            .start(
                () -> {
                  try (OutputStream out =
                      new BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
                    for (int i = 0; i < total; i++) {
                      out.write(ascii(String.format("<13>msg %07d %s%n", i, padding)));
                    }
                  } catch (IOException e) {
                    writeFailure.set(e);
                  }
                });

    await().atMost(5, SECONDS).until(() -> sink.refusals() > 0);
    // the receiver stopped reading: the sender stays blocked and nothing reaches the store
    await()
        .during(Duration.ofMillis(700))
        .atMost(3, SECONDS)
        .until(() -> writer.isAlive() && sink.size() == 0);
    assertThat(count(IngestMetrics.DROPPED, DropReason.BACKPRESSURE)).isZero();

    sink.full(false);

    await().atMost(60, SECONDS).until(() -> !writer.isAlive() && sink.size() == total);
    assertThat(writeFailure.get()).isNull();
    List<String> messages = sink.messages();
    for (int i = 0; i < total; i += 997) {
      assertThat(messages.get(i)).startsWith(String.format("<13>msg %07d ", i));
    }
    assertThat(messages).doesNotHaveDuplicates();
    assertThat(count(IngestMetrics.ACCEPTED)).isEqualTo(total);
    assertThat(count(IngestMetrics.DROPPED)).isZero();
  }

  @Test
  void keepsConnectionPausedByBackpressureOpenPastTheIdleTimeout() throws Exception {
    int port = start(Duration.ofMillis(100));
    sink.full(true);
    Socket socket = connect(port);
    socket.getOutputStream().write(ascii("<13>waits\n"));

    await().atMost(5, SECONDS).until(() -> sink.refusals() > 0);
    await()
        .during(Duration.ofMillis(500))
        .atMost(2, SECONDS)
        .until(() -> receiver.connections() == 1);

    sink.full(false);
    await().atMost(5, SECONDS).until(() -> sink.messages().contains("<13>waits"));
    await().atMost(5, SECONDS).until(() -> receiver.connections() == 0);
  }

  @Test
  void keepsConnectionWorkingAfterRandomBytesAndOneMegabyteFrames() throws Exception {
    int port = start(Duration.ZERO);
    byte[] random = new byte[256 * 1024];
    new Random(7).nextBytes(random);
    byte[] huge = ascii("<13>" + "h".repeat(1024 * 1024));
    try (Socket socket = connect(port)) {
      OutputStream out = socket.getOutputStream();
      out.write(random);
      out.write(ascii("\n<13>after random\n"));
      out.write(huge);
      out.write(ascii("\n<13>after huge lf\n"));
      out.write(ascii(huge.length + " "));
      out.write(huge);
      out.write(ascii("<13>after huge octets\n"));
      out.flush();

      await().atMost(10, SECONDS).until(() -> sink.messages().contains("<13>after huge octets"));
      assertThat(sink.messages())
          .contains("<13>after random", "<13>after huge lf")
          .allSatisfy(m -> assertThat(m.length()).isLessThanOrEqualTo(LIMIT));
      assertThat(count(IngestMetrics.FRAMES_TRUNCATED)).isGreaterThanOrEqualTo(2);
      assertThat(count(IngestMetrics.PARSE_ERRORS)).isPositive();
      assertThat(count(IngestMetrics.BYTES)).isGreaterThan(2.0 * huge.length);

      out.write(ascii("<13>still open\n"));
      out.flush();
      await().atMost(5, SECONDS).until(() -> sink.messages().contains("<13>still open"));
    }
    assertThat(sink.events())
        .filteredOn(e -> e.message().startsWith("<13>hhh"))
        .hasSize(2)
        .allSatisfy(
            e ->
                assertThat(e.fields())
                    .containsEntry(FakeEventDecoder.ORIGINAL_LENGTH, "" + huge.length));
  }

  @Test
  void exportsEveryMeterBeforeTheFirstConnection() throws Exception {
    start(Duration.ZERO);

    for (String name :
        List.of(
            IngestMetrics.MESSAGES,
            IngestMetrics.ACCEPTED,
            IngestMetrics.BYTES,
            IngestMetrics.PARSE_ERRORS,
            IngestMetrics.FRAMES_TRUNCATED,
            IngestMetrics.FRAMES_INVALID_OCTET_COUNT)) {
      assertThat(registry.get(name).tag("transport", "tcp").counter().count()).isZero();
    }
    for (DropReason reason : DropReason.values()) {
      assertThat(count(IngestMetrics.DROPPED, reason)).isZero();
    }
    assertThat(gauge(IngestMetrics.CONNECTIONS)).isZero();
  }

  @Test
  void countsInvalidOctetCountsAndParseErrors() throws Exception {
    int port = start(Duration.ZERO);
    try (Socket socket = connect(port)) {
      socket.getOutputStream().write(ascii("12ab not counted\n<13>fine\n"));
    }

    await().atMost(5, SECONDS).until(() -> sink.size() == 2);
    assertThat(count(IngestMetrics.FRAMES_INVALID_OCTET_COUNT)).isEqualTo(1);
    assertThat(count(IngestMetrics.PARSE_ERRORS)).isEqualTo(1);
  }

  @Test
  void countsOpenConnections() throws Exception {
    int port = start(Duration.ZERO);
    Socket first = connect(port);
    Socket second = connect(port);
    connect(port);

    await().atMost(5, SECONDS).until(() -> gauge(IngestMetrics.CONNECTIONS) == 3);
    assertThat(receiver.connections()).isEqualTo(3);

    first.close();
    second.close();

    await().atMost(5, SECONDS).until(() -> gauge(IngestMetrics.CONNECTIONS) == 1);
  }

  @Test
  void handsOnLastFrameOfAConnectionResetByItsPeer() throws Exception {
    int port = start(Duration.ZERO);
    Socket socket = connect(port);
    socket.getOutputStream().write(ascii("<13>complete\n<13>unterminated"));
    await().atMost(5, SECONDS).until(() -> sink.size() == 1);

    socket.setSoLinger(true, 0);
    socket.close();

    await().atMost(5, SECONDS).until(() -> receiver.connections() == 0);
    assertThat(sink.messages()).startsWith("<13>complete");
  }

  @Test
  void closesIdleConnections() throws Exception {
    int port = start(Duration.ofMillis(200));
    Socket socket = connect(port);
    socket.setSoTimeout(5000);
    InputStream in = socket.getInputStream();

    assertThat(in.read()).isEqualTo(-1);
    await().atMost(5, SECONDS).until(() -> receiver.connections() == 0);
  }

  @Test
  void countsJournalFailuresAsDropped() throws Exception {
    int port = start(Duration.ZERO);
    sink.failing(true);
    try (Socket socket = connect(port)) {
      socket.getOutputStream().write(ascii("<13>a\n<13>b\n"));
    }

    await()
        .atMost(5, SECONDS)
        .until(() -> count(IngestMetrics.DROPPED, DropReason.JOURNAL_ERROR) == 2);
    assertThat(count(IngestMetrics.ACCEPTED)).isZero();
  }

  @Test
  void reportsPortInUse() throws Exception {
    int port = start(Duration.ZERO);
    try (SyslogTcpReceiver second =
        new SyslogTcpReceiver(
            config(port, Duration.ZERO), new FakeEventDecoder(), sink, registry, CLOCK)) {
      assertThatThrownBy(second::start)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot bind TCP syslog");
    }
  }

  @Test
  void closeIsSafeTwiceAndStartOnlyOnce() throws Exception {
    start(Duration.ZERO);
    assertThatThrownBy(receiver::start).isInstanceOf(IllegalStateException.class);

    receiver.close();
    receiver.close();

    assertThat(receiver.port()).isEqualTo(-1);
    assertThat(registry.find(IngestMetrics.CONNECTIONS).gauge()).isNull();
  }

  private int start(Duration idleTimeout) throws IOException {
    receiver =
        new SyslogTcpReceiver(
            config(0, idleTimeout), new FakeEventDecoder(), sink, registry, CLOCK);
    int port = receiver.start();
    assertThat(port).isPositive().isEqualTo(receiver.port());
    return port;
  }

  private static TcpReceiverConfig config(int port, Duration idleTimeout) {
    return new TcpReceiverConfig("127.0.0.1", port, LIMIT, 2, idleTimeout);
  }

  private Socket connect(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    sockets.add(socket);
    return socket;
  }

  private double count(String name) {
    return registry.find(name).tag("transport", "tcp").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private double count(String name, DropReason reason) {
    return registry.get(name).tag("transport", "tcp").tag("reason", reason.tag()).counter().count();
  }

  private double gauge(String name) {
    return registry.get(name).tag("transport", "tcp").gauge().value();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
