package outpost.server.agents;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code outpost-agent heartbeat} as a process: its heartbeats make the node a live host in {@code
 * /api/hosts}, and its goodbye on SIGTERM (or {@code outpost-agent goodbye}) retires it.
 */
class HeartbeatGoodbyeTest {
  @TempDir Path tmp;

  static String name(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  AgentProcess heartbeat(OutpostUnderTest outpost, String host, String... extra) throws Exception {
    String[] base = {
      AgentFiles.script("outpost-agent").toString(),
      "heartbeat",
      "--server",
      "127.0.0.1:" + outpost.tcpPort(),
      "--hostname",
      host,
      "--heartbeat",
      "1s",
      "--spool-dir",
      tmp.resolve("spool-" + host).toString()
    };
    String[] command = new String[base.length + extra.length];
    System.arraycopy(base, 0, command, 0, base.length);
    System.arraycopy(extra, 0, command, base.length, extra.length);
    return AgentProcess.start(tmp.resolve(host + ".out"), command);
  }

  static void awaitLiveHost(OutpostUnderTest outpost, String host, AgentProcess agent) {
    await(host + " to show as a live host with two heartbeats")
        .atMost(60, SECONDS)
        .pollInterval(200, MILLISECONDS)
        .untilAsserted(
            () -> {
              JsonNode h = outpost.host(host);
              assertThat(h.isMissingNode()).as("agent output:\n%s", agent.output()).isFalse();
              assertThat(h.path("messages").asLong()).isGreaterThanOrEqualTo(2);
              assertThat(h.path("retired").asBoolean()).isFalse();
              assertThat(h.path("apps").toString()).contains("outpost-agent");
              assertThat(Instant.parse(h.path("last_seen").asText()))
                  .isAfter(Instant.now().minusSeconds(60));
            });
  }

  static void awaitRetired(OutpostUnderTest outpost, String host) {
    await(host + " to be retired by its goodbye")
        .atMost(30, SECONDS)
        .pollInterval(200, MILLISECONDS)
        .untilAsserted(() -> assertThat(outpost.host(host).path("retired").asBoolean()).isTrue());
  }

  @Test
  void heartbeatsMakeALiveHostAndTheGoodbyeOnSigtermRetiresIt() throws Exception {
    String host = name("node");
    try (OutpostUnderTest outpost = OutpostUnderTest.start(tmp.resolve("data"), 0)) {
      AgentProcess agent = heartbeat(outpost, host);
      awaitLiveHost(outpost, host, agent);

      JsonNode beat =
          outpost.allHits("host:" + host + " AND msgid:HEARTBEAT").getFirst().path("fields");
      assertThat(beat.path("sd.outpost@32473.interval_s").asText()).isEqualTo("1");
      assertThat(beat.path("sd.outpost@32473.load1").asText()).matches("\\d+\\.\\d+");
      assertThat(beat.path("sd.outpost@32473.mem_total_kb").asLong()).isPositive();
      assertThat(beat.path("sd.outpost@32473.lines_dropped").asText()).isEqualTo("0");

      assertThat(agent.stop()).as("exit code after SIGTERM").isIn(0, 143);
      awaitRetired(outpost, host);
      // the host directory sees the goodbye once journaled; search once it is refreshed
      await("the goodbye to be searchable")
          .atMost(10, SECONDS)
          .untilAsserted(
              () -> assertThat(outpost.total("host:" + host + " AND msgid:GOODBYE")).isEqualTo(1));
    }
  }

  @Test
  void goodbyeCommandRetiresAHostWhoseAgentStoppedWithoutOne() throws Exception {
    String host = name("node");
    try (OutpostUnderTest outpost = OutpostUnderTest.start(tmp.resolve("data"), 0)) {
      AgentProcess agent = heartbeat(outpost, host, "--no-goodbye");
      awaitLiveHost(outpost, host, agent);
      agent.stop();
      assertThat(outpost.host(host).path("retired").asBoolean()).isFalse();

      AgentProcess goodbye =
          AgentProcess.start(
              tmp.resolve("goodbye.out"),
              AgentFiles.script("outpost-agent").toString(),
              "goodbye",
              "--server",
              "127.0.0.1:" + outpost.tcpPort(),
              "--hostname",
              host);
      await().atMost(60, SECONDS).until(() -> !goodbye.isAlive());
      assertThat(goodbye.stop()).as("goodbye output:\n%s", goodbye.output()).isZero();
      awaitRetired(outpost, host);
    }
  }
}
