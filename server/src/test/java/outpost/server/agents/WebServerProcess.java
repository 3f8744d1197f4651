package outpost.server.agents;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A real web server (Apache httpd or lighttpd) run by a test in the foreground with a private
 * config, serving {@code htdocs} with files {@code f0.txt .. f9.txt} of different sizes on a free
 * port. {@link #close} stops it with SIGTERM and waits for it and the programs it started (piped
 * loggers) to exit.
 */
final class WebServerProcess implements AutoCloseable {
  static final int FILES = 10;

  private final Process process;
  private final Path output;
  final int port;

  private WebServerProcess(Process process, Path output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  /** Size of {@code f<k>.txt}. */
  static int fileSize(int k) {
    return 137 + k * 1531;
  }

  static void writeDocs(Path htdocs) throws IOException {
    Files.createDirectories(htdocs);
    AgentFiles.openUp(htdocs);
    for (int k = 0; k < FILES; k++) {
      Files.writeString(htdocs.resolve("f" + k + ".txt"), "x".repeat(fileSize(k) - 1) + "\n");
    }
  }

  /**
   * Starts {@code command} in a session of its own: Apache signals its whole process group when it
   * stops, which must not include the test JVM and Maven.
   */
  static WebServerProcess start(List<String> command, Path output, int port) throws IOException {
    List<String> inSession = new java.util.ArrayList<>(List.of("/usr/bin/setsid"));
    inSession.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(inSession);
    pb.redirectErrorStream(true).redirectOutput(output.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    WebServerProcess server = new WebServerProcess(p, output, port);
    try {
      await(command.getFirst() + " to accept connections on port " + port)
          .atMost(30, SECONDS)
          .pollInterval(50, MILLISECONDS)
          .until(
              () -> {
                if (!p.isAlive()) {
                  throw new IllegalStateException(
                      command + " exited with " + p.exitValue() + ":\n" + server.output());
                }
                return AgentFiles.accepts(port);
              });
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  long pid() {
    return process.pid();
  }

  String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** SIGTERM, then waits (at most 60 s) for the server and its children, e.g. outpost-logpipe. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    CompletableFuture<?>[] exits =
        children.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      process.onExit().get(60, SECONDS);
      CompletableFuture.allOf(exits).get(60, SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      process.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
      throw new IllegalStateException("web server or its children did not stop within 60 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
