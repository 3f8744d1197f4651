package outpost.agents;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's sending path against a real TCP receiver that goes away and comes back. */
class SenderTest {
  @TempDir Path dir;

  static AgentOptions options(int port, Path spool, String... extra) {
    List<String> args = new ArrayList<>(List.of("--server", "127.0.0.1:" + port));
    args.addAll(List.of("--spool-dir", spool.toString(), "--heartbeat", "0"));
    args.addAll(List.of("--hostname", "test-node", "--tag", "app"));
    args.addAll(List.of(extra));
    return AgentOptions.parse("logpipe", args, Map.of());
  }

  static void send(Agent agent, int from, int to) {
    for (int i = from; i < to; i++) {
      byte[] line = ("line " + i).getBytes(StandardCharsets.UTF_8);
      agent.line(line, line.length, false, null);
    }
  }

  static List<String> expected(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add("line " + i);
    }
    return out;
  }

  @Test
  void spoolsWhileTheServerIsDownAndDeliversEverythingInOrderWhenItIsBack() throws IOException {
    try (SyslogSink sink = SyslogSink.start();
        Agent agent = Agent.start(options(sink.port(), dir), InstantSource.system())) {
      send(agent, 0, 1000);
      await().atMost(30, SECONDS).until(() -> sink.bodies("app").size() == 1000);

      sink.stop();
      send(agent, 1000, 2000);
      await().atMost(30, SECONDS).until(() -> agent.counters().spooled.get() >= 1000);
      assertThat(sink.bodies("app")).hasSize(1000);

      sink.restart();
      send(agent, 2000, 3000);
      await().atMost(60, SECONDS).until(() -> sink.bodies("app").size() >= 3000);
      assertThat(sink.bodies("app")).containsExactlyElementsOf(expected(0, 3000));
      assertThat(agent.sender().idle()).isTrue();
    }
  }

  @Test
  void whenTheSpoolIsFullDropsTheOldestAndReportsHowManyAfterReconnecting() throws IOException {
    SyslogSink sink = SyslogSink.start();
    sink.stop(); // nobody listens on its port yet
    int n = 40_000; // ~ 5 MiB of messages into a 2 MiB spool
    try (Agent agent =
        Agent.start(
            options(sink.port(), dir, "--spool-max", "2MiB", "--queue", "100"),
            InstantSource.system())) {
      send(agent, 0, n);
      await().atMost(30, SECONDS).until(() -> agent.counters().spooled.get() == n);
      sink.restart();
      await().atMost(60, SECONDS).until(() -> !sink.bodies("app").isEmpty());
      String notice = sink.bodies("app").getFirst();
      assertThat(notice).matches("outpost-logpipe dropped \\d+ lines \\(spool full\\)");
      long dropped = Long.parseLong(notice.split(" ")[2]);
      assertThat(dropped).isPositive();
      // everything after the oldest kept line arrives, in order, without gaps
      await()
          .atMost(60, SECONDS)
          .untilAsserted(
              () -> {
                List<String> bodies = sink.bodies("app");
                assertThat(bodies.subList(1, bodies.size()))
                    .containsExactlyElementsOf(expected((int) dropped, n));
              });
      assertThat(sink.messages().getFirst()).startsWith("<12>1 "); // user.warning
    } finally {
      sink.close();
    }
  }

  @Test
  void closeSpoolsWhatItCouldNotSendAndTheNextStartSendsIt() throws IOException {
    SyslogSink sink = SyslogSink.start();
    sink.stop();
    try (Agent agent = Agent.start(options(sink.port(), dir), InstantSource.system())) {
      send(agent, 0, 500);
    } // closed with the server down: all 500 end up in the spool
    sink.restart();
    try (Agent agent = Agent.start(options(sink.port(), dir), InstantSource.system())) {
      send(agent, 500, 600);
      await().atMost(30, SECONDS).until(() -> sink.bodies("app").size() >= 600);
      assertThat(sink.bodies("app")).containsExactlyElementsOf(expected(0, 600));
    } finally {
      sink.close();
    }
  }

  @Test
  void aServerThatStopsReadingNeverBlocksTheWriterAndCloseSpoolsWhatWasNotWritten()
      throws Exception {
    int n = 200_000; // more than the socket buffers of both ends hold
    try (java.net.ServerSocket stalled =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Agent agent = Agent.start(options(stalled.getLocalPort(), dir), InstantSource.system());
      // connections are accepted by the kernel (backlog) and never read
      send(agent, 0, n); // returns although nothing is read: the overflow goes to the spool
      await().atMost(30, SECONDS).until(() -> agent.counters().spooled.get() > 0);
      agent.close(); // breaks the blocked write after Sender.STOP_WAIT
      try (Spool spool = Spool.open(dir, AgentOptions.DEFAULT_SPOOL_MAX)) {
        assertThat(agent.counters().sent.get() + spool.size()).isEqualTo(n);
      }
    }
  }
}
