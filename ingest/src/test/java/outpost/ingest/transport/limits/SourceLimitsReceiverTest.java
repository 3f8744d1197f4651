package outpost.ingest.transport.limits;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import outpost.ingest.IngestMetrics;
import outpost.ingest.transport.CollectingSink;
import outpost.ingest.transport.FakeEventDecoder;
import outpost.ingest.transport.tcp.SyslogTcpReceiver;
import outpost.ingest.transport.tcp.TcpReceiverConfig;

/**
 * Limits on a real TCP listener on 127.0.0.1:0 with clients bound to two loopback addresses
 * (127.0.0.1 and 127.0.0.2, both routed to lo on Linux).
 */
class SourceLimitsReceiverTest {
  private static final InetAddress QUIET = address("127.0.0.1");
  private static final InetAddress NOISY = address("127.0.0.2");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CollectingSink sink = new CollectingSink();
  private final List<Socket> sockets = new ArrayList<>();
  private SyslogTcpReceiver receiver;

  @AfterEach
  void close() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  private int start(ListenerLimits limits) throws IOException {
    receiver =
        new SyslogTcpReceiver(
            new TcpReceiverConfig("0.0.0.0", 0, 64 * 1024, 2, Duration.ZERO),
            limits,
            new FakeEventDecoder(),
            sink,
            registry,
            InstantSource.system());
    return receiver.start();
  }

  private Socket connect(InetAddress from, int port) throws IOException {
    Socket socket = new Socket();
    sockets.add(socket);
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress(QUIET, port), 5_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  @Test
  void noisySourceAtTenTimesTheLimitDoesNotSlowAQuietOne() throws Exception {
    int rate = 200;
    int port = start(new ListenerLimits(0, rate, 0, 0, 0, List.of()));
    Socket noisy = connect(NOISY, port);
    Socket quiet = connect(QUIET, port);
    AtomicBoolean stop = new AtomicBoolean();
    Thread flood =
        Thread.ofPlatform()
            .name("noisy-sender")
            .start(
                () -> {
                  byte[] line = "<13>noisy flood line\n".getBytes(StandardCharsets.US_ASCII);
                  byte[] burst = new byte[line.length * 100];
                  for (int i = 0; i < 100; i++) {
                    System.arraycopy(line, 0, burst, i * line.length, line.length);
                  }
                  try {
                    OutputStream out = noisy.getOutputStream();
                    while (!stop.get()) {
                      out.write(burst); // blocks while Outpost has paused reading: backpressure
                    }
                  } catch (IOException closedAtTheEnd) {
                    // the test closes the socket to stop the flood
                  }
                });

    // the flood is under way: its first reads are in
    await().atMost(20, SECONDS).until(() -> countFrom(NOISY) > 0);
    long noisyBefore = countFrom(NOISY);
    int quietMessages = 100; // 50 per second: a quarter of the limit
    AtomicInteger sent = new AtomicInteger();
    OutputStream quietOut = quiet.getOutputStream();
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    long startNanos = System.nanoTime();
    try {
      pacer.scheduleAtFixedRate(
          () -> {
            int i = sent.get();
            if (i < quietMessages) {
              try {
                quietOut.write(("<13>quiet " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                quietOut.flush();
                sent.incrementAndGet();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            }
          },
          0,
          20,
          TimeUnit.MILLISECONDS);
      // sending takes 2 s; every quiet message must be in soon after the last one (the slack is
      // for a 2-core machine shared with other builds)
      await().atMost(5, SECONDS).until(() -> countFrom(QUIET) == quietMessages);
    } finally {
      pacer.shutdownNow();
      stop.set(true);
      noisy.close();
      flood.join(10_000);
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    long noisyDelivered = countFrom(NOISY) - noisyBefore;
    System.out.println(
        "hosts: "
            + sink.events().stream()
                .collect(
                    java.util.stream.Collectors.groupingBy(
                        e -> e.host(), java.util.stream.Collectors.counting()))
            + " refusals "
            + sink.refusals());
    System.out.printf(
        "quiet: %d in %.2f s; noisy delivered %d (limit %d/s)%n",
        quietMessages, seconds, noisyDelivered, rate);
    // the rate plus its one-second burst, plus what one socket read held when the pause began
    assertThat(noisyDelivered).isLessThan((long) (rate * seconds) + rate + 4_000);
    assertThat(
            registry
                .get(IngestMetrics.LIMITED)
                .tags("listener", "tcp", "reason", "rate_source")
                .counter()
                .count())
        .isPositive();
    assertThat(receiver.limiter().limitedSources())
        .singleElement()
        .satisfies(s -> assertThat(s.address()).isEqualTo("127.0.0.2"));
  }

  @Test
  void allowListAndConnectionCapsCloseExcessConnectionsAtAccept() throws Exception {
    int port = start(new ListenerLimits(0, 0, 0, 2, 0, List.of(Cidr.parse("127.0.0.2/32"))));
    Socket refused = connect(QUIET, port);
    assertThat(refused.getInputStream().read()).as("closed by the server").isEqualTo(-1);

    Socket first = connect(NOISY, port);
    Socket second = connect(NOISY, port);
    await().atMost(5, SECONDS).until(() -> receiver.connections() == 2);
    Socket third = connect(NOISY, port);
    assertThat(third.getInputStream().read()).isEqualTo(-1);

    first.getOutputStream().write("<13>admitted\n".getBytes(StandardCharsets.US_ASCII));
    second.getOutputStream().write("<13>admitted too\n".getBytes(StandardCharsets.US_ASCII));
    await().atMost(5, SECONDS).until(() -> sink.size() == 2);
    assertThat(limited("not_allowed")).isEqualTo(1);
    assertThat(limited("connections_per_source")).isEqualTo(1);
  }

  private double limited(String reason) {
    return registry
        .get(IngestMetrics.LIMITED)
        .tags("listener", "tcp", "reason", reason)
        .counter()
        .count();
  }

  private long countFrom(InetAddress source) {
    String host = source.getHostAddress();
    return sink.events().stream().filter(e -> e.host().equals(host)).count();
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
