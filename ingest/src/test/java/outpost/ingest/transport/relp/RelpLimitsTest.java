package outpost.ingest.transport.relp;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import outpost.ingest.IngestMetrics;
import outpost.ingest.transport.CollectingSink;
import outpost.ingest.transport.FakeEventDecoder;
import outpost.ingest.transport.limits.Cidr;
import outpost.ingest.transport.limits.ListenerLimits;

/**
 * The listener limits on a real RELP listener on 127.0.0.1:0, with clients bound to 127.0.0.1 and
 * 127.0.0.2 (both routed to lo on Linux): refusals at accept, the message rate by pausing reads,
 * the idle timeout, all counted with listener {@code relp}.
 */
class RelpLimitsTest {
  private static final InetAddress ONE = address("127.0.0.1");
  private static final InetAddress TWO = address("127.0.0.2");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CollectingSink sink = new CollectingSink();
  private final List<RelpTestClient> clients = new ArrayList<>();
  private RelpReceiver receiver;

  @AfterEach
  void close() throws IOException {
    for (RelpTestClient c : clients) {
      c.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  private int start(ListenerLimits limits, Duration idleTimeout) throws IOException {
    receiver =
        new RelpReceiver(
            new RelpReceiverConfig(
                "0.0.0.0",
                0,
                64 * 1024,
                2,
                64,
                idleTimeout,
                limits,
                RelpReceiverConfig.OFF,
                Optional.empty()),
            new FakeEventDecoder(),
            sink,
            null,
            registry,
            InstantSource.system());
    return receiver.start();
  }

  private RelpTestClient connect(InetAddress from, int port) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress(ONE, port), 5_000);
    RelpTestClient client = new RelpTestClient(socket);
    clients.add(client);
    return client;
  }

  @Test
  void allowListAndConnectionCapCloseExcessSessionsAtAccept() throws Exception {
    int port =
        start(
            new ListenerLimits(0, 0, 0, 2, 0, List.of(Cidr.parse("127.0.0.2/32"))), Duration.ZERO);

    RelpTestClient outside = connect(ONE, port);
    assertThat(outside.closedByServer()).as("source outside the allow-list").isTrue();

    RelpTestClient first = connect(TWO, port);
    RelpTestClient second = connect(TWO, port);
    await().atMost(5, SECONDS).until(() -> receiver.connections() == 2);
    RelpTestClient third = connect(TWO, port);
    assertThat(third.closedByServer()).as("third connection of one source").isTrue();

    for (RelpTestClient admitted : List.of(first, second)) {
      admitted.open();
      assertThat(admitted.read().data()).startsWith("200 OK");
      // distinct texts: the same text from the same source in a new session is taken as a resend
      admitted.send("syslog", "<13>admitted on " + (admitted == first ? "first" : "second"));
      assertThat(admitted.read().data()).isEqualTo("200 OK");
    }
    assertThat(sink.size()).isEqualTo(2);
    assertThat(limited("not_allowed")).isEqualTo(1);
    assertThat(limited("connections_per_source")).isEqualTo(1);
  }

  @Test
  void messageRateIsHeldByPausingReadsAndEveryMessageIsAcknowledged() throws Exception {
    int rate = 100;
    int port = start(new ListenerLimits(rate, 0, 0, 0, 0, List.of()), Duration.ZERO);
    RelpTestClient client = connect(ONE, port);
    client.open();
    client.read();
    // 400 KB: far more than one socket read, so reads pause between them (what one read holds
    // is charged whole, and passes)
    int messages = 4 * rate;
    String padding = "x".repeat(1000);
    long start = System.nanoTime();
    for (int i = 0; i < messages; i++) {
      client.send("syslog", "<13>paced " + i + " " + padding);
    }
    for (int i = 0; i < messages; i++) {
      assertThat(client.read().data()).isEqualTo("200 OK");
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(sink.size()).isEqualTo(messages);
    // a one-second burst passes at once, the rest at 100 per second, less one read's worth
    // (at most 64 KiB: about 64 frames)
    assertThat(seconds).isGreaterThan(2.0);
    assertThat(limited("rate_connection")).isPositive();
  }

  @Test
  void idleSessionIsClosed() throws Exception {
    int port = start(ListenerLimits.NONE, Duration.ofMillis(300));
    RelpTestClient client = connect(ONE, port);
    client.open();
    assertThat(client.read().data()).startsWith("200 OK");
    assertThat(client.closedByServer()).isTrue();
    await().atMost(5, SECONDS).until(() -> receiver.connections() == 0);
  }

  private double limited(String reason) {
    return registry
        .get(IngestMetrics.LIMITED)
        .tags("listener", "relp", "reason", reason)
        .counter()
        .count();
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
