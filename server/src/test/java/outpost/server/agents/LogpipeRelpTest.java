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
      Process logpipe = pb.start();
      try (OutputStream in = logpipe.getOutputStream()) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < n; i++) {
          lines.append("relp line ").append(i).append('\n');
        }
        in.write(lines.toString().getBytes(StandardCharsets.UTF_8));
      } // EOF: logpipe sends what it has, closes the RELP session and exits
      assertThat(logpipe.waitFor(60, SECONDS)).as("logpipe exits after EOF").isTrue();
      assertThat(logpipe.exitValue()).as(Files.readString(output)).isZero();
      assertThat(Files.readString(output)).doesNotContain("cannot send");

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
      assertThat(distinct).contains("relp line 0", "relp line 1999");
    }
  }
}
