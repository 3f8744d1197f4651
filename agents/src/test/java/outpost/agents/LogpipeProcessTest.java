package outpost.agents;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** outpost-logpipe as a separate JVM: SIGTERM keeps what it read, the next start sends it. */
class LogpipeProcessTest {
  @TempDir Path dir;

  Process logpipe(int port) throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    return new ProcessBuilder(
            java,
            "-cp",
            Path.of("target/classes").toAbsolutePath().toString(),
            "outpost.agents.Main",
            "logpipe",
            "--server",
            "127.0.0.1:" + port,
            "--tag",
            "app",
            "--hostname",
            "web-1",
            "--heartbeat",
            "0",
            "--spool-dir",
            dir.resolve("spool").toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("logpipe-" + System.nanoTime() + ".out").toFile())
        .start();
  }

  long spooledBytes() throws IOException {
    if (!Files.isDirectory(dir.resolve("spool"))) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir.resolve("spool"))) {
      long sum = 0;
      for (Path p : s.filter(p -> p.toString().endsWith(".seg")).toList()) {
        sum += Files.size(p);
      }
      return sum;
    }
  }

  @Test
  void sigtermWhileTheServerIsDownKeepsEveryLineForTheNextStart() throws Exception {
    SyslogSink sink = SyslogSink.start();
    sink.stop();
    Process first = logpipe(sink.port());
    List<String> lines = new ArrayList<>();
    long expectedBytes = 0;
    OutputStream in = first.getOutputStream();
    for (int i = 0; i < 1000; i++) {
      String line = "line " + i;
      lines.add(line);
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      // each spooled record: 8 bytes of header, the RFC 5424 header, the line
      expectedBytes += 8 + "<14>1 2026-11-23T10:00:00.000000Z web-1 app ".length();
      expectedBytes += Long.toString(first.pid()).length() + " - - ".length() + line.length();
    }
    in.flush();
    long all = expectedBytes;
    await("every line read and spooled").atMost(60, SECONDS).until(() -> spooledBytes() >= all);

    first.destroy(); // SIGTERM, stdin still open
    assertThat(first.waitFor()).isIn(0, 143);

    sink.restart();
    Process second = logpipe(sink.port());
    try {
      await().atMost(60, SECONDS).until(() -> sink.bodies("app").size() >= 1000);
      assertThat(sink.bodies("app")).containsExactlyElementsOf(lines);
    } finally {
      second.getOutputStream().close(); // EOF: a clean stop
      second.waitFor();
      sink.close();
    }
  }
}
