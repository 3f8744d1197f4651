package outpost.server.agents;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code outpost-logpipe --relp} as a process against Outpost's RELP listener: every line fed on
 * its stdin is acknowledged after Outpost journaled it, and searchable exactly once.
 */
class LogpipeRelpTest {
  @TempDir Path tmp;

  @Test
  void twoThousandLinesOverRelpAreSearchableExactlyOnce() throws Exception {
    String host = "relp-" + UUID.randomUUID().toString().substring(0, 8);
    int n = 2_000;
    int relpPort = AgentFiles.freePort();
    AgentFiles.openUp(tmp);
    try (OutpostUnderTest outpost = OutpostUnderTest.startWithRelp(tmp.resolve("data"), relpPort)) {
      Path output = tmp.resolve("logpipe.out");
      Process logpipe = logpipe(host, relpPort, output);
      try (OutputStream in = logpipe.getOutputStream()) {
        in.write(lines(0, n));
      } // EOF: logpipe sends what it has, closes the RELP session and exits
      assertThat(logpipe.waitFor(60, SECONDS)).as("logpipe exits after EOF").isTrue();
      assertThat(logpipe.exitValue()).as(Files.readString(output)).isZero();
      assertThat(Files.readString(output)).doesNotContain("cannot send");

      assertSearchableExactlyOnce(outpost, host, n);
    }
  }

  @Test
  void linesSentWhileOutpostRestartsAreSearchableExactlyOnce() throws Exception {
    String host = "relp-" + UUID.randomUUID().toString().substring(0, 8);
    int relpPort = AgentFiles.freePort();
    AgentFiles.openUp(tmp);
    Path data = tmp.resolve("data");
    Path output = tmp.resolve("logpipe.out");
    Process logpipe;
    OutputStream in;
    try (OutpostUnderTest outpost = OutpostUnderTest.startWithRelp(data, relpPort)) {
      logpipe = logpipe(host, relpPort, output);
      in = logpipe.getOutputStream();
      in.write(lines(0, 1_500));
      in.flush();
      await("some lines to arrive before Outpost stops")
          .atMost(60, SECONDS)
          .pollInterval(50, MILLISECONDS)
          .until(() -> outpost.total("host:" + host) > 0);
    } // Outpost stops while lines are in flight; the unanswered ones are resent or spooled
    try (in;
        AutoCloseable stop = logpipe::destroyForcibly) { // only if an assertion failed
      in.write(lines(1_500, 2_000));
      in.flush();
      try (OutpostUnderTest outpost = OutpostUnderTest.startWithRelp(data, relpPort)) {
        // logpipe reconnects (backoff) and sends its spool, oldest first
        assertSearchableExactlyOnce(outpost, host, 2_000);
        in.close();
        assertThat(logpipe.waitFor(60, SECONDS)).as("logpipe exits after EOF").isTrue();
        assertThat(logpipe.exitValue()).as(Files.readString(output)).isZero();
        assertThat(outpost.total("host:" + host)).isEqualTo(2_000);
      }
    }
  }

  static void assertSearchableExactlyOnce(OutpostUnderTest outpost, String host, int n) {
    String query = "host:" + host + " AND app:relp-pipe";
    await("Outpost to find " + n + " lines")
        .atMost(60, SECONDS)
        .pollInterval(250, MILLISECONDS)
        .untilAsserted(() -> assertThat(outpost.total(query)).isEqualTo(n));
    List<JsonNode> hits = outpost.allHits(query);
    List<String> messages = new ArrayList<>();
    hits.forEach(h -> messages.add(h.path("message").asText()));
    assertThat(messages).hasSize(n);
    TreeSet<String> distinct = new TreeSet<>(messages);
    assertThat(distinct).hasSize(n);
    assertThat(distinct).contains("relp line 0", "relp line " + (n - 1));
  }

  Process logpipe(String host, int relpPort, Path output) throws java.io.IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
            AgentFiles.script("outpost-logpipe").toString(),
            "--server",
            "127.0.0.1:" + relpPort,
            "--relp",
            "--tag",
            "relp-pipe",
            "--hostname",
            host,
            "--heartbeat",
            "0",
            "--spool-dir",
            tmp.resolve("spool").toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.redirectErrorStream(true).redirectOutput(output.toFile());
    return pb.start();
  }

  static byte[] lines(int from, int to) {
    StringBuilder lines = new StringBuilder();
    for (int i = from; i < to; i++) {
      lines.append("relp line ").append(i).append('\n');
    }
    return lines.toString().getBytes(StandardCharsets.UTF_8);
  }
}
