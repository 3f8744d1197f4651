package outpost.server.peers;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A peer program (rsyslogd, syslog-ng) running as a child process, its stdout and stderr going to
 * one log file. {@link #close()} ends the whole process tree: SIGTERM, then SIGKILL after a grace
 * period; it is safe to call twice. Not thread-safe; the test that starts it closes it.
 */
public final class PeerProcess implements AutoCloseable {
  private static final long GRACE_SECONDS = 5;

  private final String name;
  private final Process process;
  private final Path log;

  private PeerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} in {@code dir} with {@code extraEnv} added to this JVM's environment.
   * Output goes to {@code dir/<name>.log}.
   */
  public static PeerProcess start(
      String name, List<String> command, Path dir, Map<String, String> extraEnv)
      throws IOException {
    Path log = dir.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(extraEnv);
    return new PeerProcess(name, builder.start(), log);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Fails with the process's output if it has exited: call it in readiness checks so a peer that
   * dies on a bad config fails the test at once instead of after a timeout.
   */
  public void assertAlive() {
    if (!process.isAlive()) {
      throw new AssertionError(
          name + " exited with status " + process.exitValue() + "; its output:\n" + output());
    }
  }

  /** Everything the process wrote to stdout and stderr so far. */
  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + log, e);
    }
  }

  @Override
  public void close() {
    long startNanos = System.nanoTime();
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(GRACE_SECONDS, SECONDS)) {
        process.destroyForcibly();
        process.waitFor(GRACE_SECONDS, SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    System.out.printf("%s stopped in %d ms%n", this, (System.nanoTime() - startNanos) / 1_000_000);
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
