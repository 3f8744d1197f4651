package outpost.agents;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent over RELP against a real RELP server on a socket that answers, refuses and drops. */
class RelpTransportTest {
  @TempDir Path dir;

  static AgentOptions relp(int port, Path spool, String... extra) {
    String[] all = new String[extra.length + 1];
    all[0] = "--relp";
    System.arraycopy(extra, 0, all, 1, extra.length);
    return SenderTest.options(port, spool, all);
  }

  @Test
  void everyLineArrivesInOrderAndTheUnansweredOnesAreResentAfterReconnecting() throws IOException {
    try (RelpSink sink = RelpSink.start()) {
      sink.dropNext(new RelpSink.Drop(700)); // first session: dropped after 700 answers
      sink.dropNext(new RelpSink.Drop(1500)); // second session: after 1500
      try (Agent agent = Agent.start(relp(sink.port(), dir), InstantSource.system())) {
        SenderTest.send(agent, 0, 3000);
        await().atMost(60, SECONDS).until(() -> sink.stored().size() >= 3000);
        assertThat(sink.stored()).containsExactlyElementsOf(SenderTest.expected(0, 3000));
        await().atMost(30, SECONDS).until(() -> agent.counters().sent.get() == 3000);
        assertThat(agent.sender().idle()).isTrue();
      }
      // the frames read but unanswered when a session was dropped came again in the next one
      assertThat(sink.unanswered()).containsExactly("line 700", "line 2200");
      List<String> received = sink.received();
      assertThat(received).hasSize(3000 + 2);
      assertThat(Collections.frequency(received, "line 700")).isEqualTo(2);
      assertThat(Collections.frequency(received, "line 2200")).isEqualTo(2);
      assertThat(Collections.frequency(received, "line 699")).isEqualTo(1);
      assertThat(sink.errors()).isEmpty();
      // three sessions, each opened first; the last one closed at shutdown
      assertThat(sink.commands().stream().filter("open"::equals).count()).isEqualTo(3);
      assertThat(sink.commands().getFirst()).isEqualTo("open");
      assertThat(sink.commands().getLast()).isEqualTo("close");
    }
  }

  @Test
  void aLineTheServerRefusesIsCountedAndNotResent() throws IOException {
    try (RelpSink sink = RelpSink.start()) {
      sink.refuse("line 42"::equals);
      try (Agent agent = Agent.start(relp(sink.port(), dir), InstantSource.system())) {
        SenderTest.send(agent, 0, 100);
        await().atMost(30, SECONDS).until(() -> agent.counters().rejected.get() == 1);
        await().atMost(30, SECONDS).until(() -> agent.counters().sent.get() == 99);
        assertThat(agent.sender().idle()).isTrue();
      }
      assertThat(sink.received()).containsExactlyElementsOf(SenderTest.expected(0, 100));
      assertThat(sink.stored()).hasSize(99).doesNotContain("line 42");
    }
  }

  @Test
  void linesWaitInTheSpoolWhileNoServerListensAndArriveWhenOneDoes() throws IOException {
    int port;
    try (ServerSocket reserve = new ServerSocket()) {
      reserve.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = reserve.getLocalPort();
    }
    try (Agent agent = Agent.start(relp(port, dir), InstantSource.system())) {
      SenderTest.send(agent, 0, 500);
      await().atMost(30, SECONDS).until(() -> agent.counters().spooled.get() == 500);
      assertThat(agent.counters().sent.get()).isZero();
    }
    try (RelpSink sink = RelpSink.start();
        Agent agent = Agent.start(relp(sink.port(), dir), InstantSource.system())) {
      SenderTest.send(agent, 500, 600);
      await().atMost(60, SECONDS).until(() -> sink.stored().size() >= 600);
      assertThat(sink.stored()).containsExactlyElementsOf(SenderTest.expected(0, 600));
    }
  }

  @Test
  void aServerThatRefusesTheSessionIsAnErrorNamingItsAnswer() throws IOException {
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                try (Socket s = server.accept()) {
                  s.getInputStream().read(new byte[256]);
                  s.getOutputStream()
                      .write("1 rsp 15 500 not welcome\n".getBytes(StandardCharsets.US_ASCII));
                  s.getInputStream().read();
                } catch (IOException e) {
                  // the client went away
                }
              });
      RelpTransport t =
          new RelpTransport("127.0.0.1", server.getLocalPort(), null, new AtomicLong());
      assertThatThrownBy(t::connect)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("refused the RELP session: 500 not welcome");
      assertThat(t.isConnected()).isFalse();
    }
  }

  @Test
  void transactionNumbersWrapFrom999999999To1() {
    assertThat(RelpTransport.next(1)).isEqualTo(2);
    assertThat(RelpTransport.next(999_999_998)).isEqualTo(999_999_999);
    assertThat(RelpTransport.next(999_999_999)).isEqualTo(1);
  }

  @Test
  void relpAndUdpExcludeEachOther() {
    assertThatThrownBy(() -> relp(514, dir, "--udp"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--udp and --relp exclude each other");
  }
}
