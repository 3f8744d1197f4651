package outpost.server.agents;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * An agent launch script run as a process, as systemd or a shell would. {@link #close} sends
 * SIGTERM (the agent's clean stop) and waits for the exit.
 */
final class AgentProcess implements AutoCloseable {
  private final Process process;
  private final Path output;

  private AgentProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static AgentProcess start(Path output, String... command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(List.of(command));
    pb.redirectErrorStream(true).redirectOutput(output.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return new AgentProcess(pb.start(), output);
  }

  String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM and the exit code, waiting at most 60 s. */
  int stop() {
    process.destroy();
    try {
      return process.onExit().get(60, SECONDS).exitValue();
    } catch (TimeoutException | ExecutionException e) {
      process.destroyForcibly();
      throw new IllegalStateException("agent did not stop within 60 s:\n" + output(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }
}
