package outpost.agents;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** outpost-tail on real files: rotation by rename, copytruncate, restart from saved positions. */
class TailTest {
  @TempDir Path dir;

  AgentOptions options(int port) {
    List<String> args = new ArrayList<>(List.of("--server", "127.0.0.1:" + port));
    args.addAll(List.of("--spool-dir", dir.resolve("spool").toString(), "--heartbeat", "0"));
    args.addAll(List.of("--hostname", "test-node", "--tag", "app", "--poll", "20ms"));
    args.addAll(List.of("--rotate-wait", "300ms", "--file", dir.resolve("logs/*.log").toString()));
    return AgentOptions.parse("tail", args, Map.of());
  }

  Agent startTail(int port) throws IOException {
    AgentOptions o = options(port);
    Agent agent = Agent.start(o, InstantSource.system());
    Tail.start(agent, o);
    return agent;
  }

  static void write(OutputStream out, int from, int to) throws IOException {
    for (int i = from; i < to; i++) {
      out.write(("request " + i + "\n").getBytes(StandardCharsets.UTF_8));
    }
    out.flush();
  }

  static OutputStream append(Path p) throws IOException {
    return new FileOutputStream(p.toFile(), true);
  }

  static List<String> expected(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add("request " + i);
    }
    return out;
  }

  static void awaitExactly(SyslogSink sink, int from, int to) {
    await()
        .atMost(30, SECONDS)
        .untilAsserted(
            () -> assertThat(sink.bodies("app")).containsExactlyElementsOf(expected(from, to)));
  }

  @Test
  void followsRenameRotationAndCopytruncateAndResumesAfterARestartWithoutDuplicates()
      throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path log = logs.resolve("app.log");
    try (SyslogSink sink = SyslogSink.start()) {
      Agent agent = startTail(sink.port());
      OutputStream old = append(log);
      write(old, 0, 100);
      awaitExactly(sink, 0, 100);

      // logrotate's rename: the writer keeps its old file until it reopens
      Files.move(log, logs.resolve("app.log.1"));
      write(old, 100, 150);
      old.close();
      try (OutputStream fresh = append(log)) {
        write(fresh, 150, 200);
      }
      awaitExactly(sink, 0, 200);

      // copytruncate: copied aside, then cut to 0 in place; the writer appends at the new end
      Files.copy(log, logs.resolve("app.log.2"));
      try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
        ch.truncate(0);
      }
      try (OutputStream same = append(log)) {
        write(same, 200, 210);
      }
      awaitExactly(sink, 0, 210);
      agent.close();

      // while stopped: more lines, then a rotation
      try (OutputStream same = append(log)) {
        write(same, 210, 220);
      }
      Files.move(log, logs.resolve("app.log.3"));
      try (OutputStream fresh = append(log)) {
        write(fresh, 220, 230);
      }
      try (Agent again = startTail(sink.port())) {
        awaitExactly(sink, 0, 230);
      }
    }
  }

  @Test
  void aNewFileMatchingTheGlobIsFollowedFromItsStart() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    try (SyslogSink sink = SyslogSink.start();
        Agent agent = startTail(sink.port())) {
      try (OutputStream a = append(logs.resolve("a.log"))) {
        write(a, 0, 5);
      }
      awaitExactly(sink, 0, 5);
      Files.writeString(logs.resolve("ignored.txt"), "not matched\n");
      try (OutputStream b = append(logs.resolve("b.log"))) {
        write(b, 5, 10);
      }
      awaitExactly(sink, 0, 10);
    }
  }
}
