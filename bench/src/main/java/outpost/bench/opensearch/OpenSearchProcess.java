package outpost.bench.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One single-node OpenSearch cluster for a benchmark run, started from an unpacked distribution
 * with a config, data and log directory of its own under a work directory, on free loopback ports.
 * OpenSearch refuses to run as root, so when the benchmark runs as root the node runs as {@link
 * #RUN_AS} (through {@code runuser}). The node writes its JVM's pid to a file, so CPU and RSS are
 * read from the JVM itself, not from a wrapper. The caller closes it: {@link #close()} stops the
 * JVM with SIGTERM (SIGKILL after a minute) and is safe twice. Not thread-safe.
 */
public final class OpenSearchProcess implements AutoCloseable {
  /** The unprivileged user a root benchmark runs the node as (scripts/test creates it). */
  public static final String RUN_AS = "outpost-os";

  private static final Duration START_LIMIT = Duration.ofMinutes(6);
  private static final Duration STOP_LIMIT = Duration.ofMinutes(1);
  private static final long POLL_MILLIS = 250;

  private final Process launcher;
  private final Path dir;
  private final long pid;
  private final OpenSearchHttp http;

  private OpenSearchProcess(Process launcher, Path dir, long pid, OpenSearchHttp http) {
    this.launcher = launcher;
    this.dir = dir;
    this.pid = pid;
    this.http = http;
  }

  /**
   * Starts a node and waits until its cluster health answers.
   *
   * @param home the unpacked distribution ({@code bin/opensearch}, {@code config/})
   * @param dir a directory that does not exist yet (or is empty) for config, data and logs
   * @param heap {@code -Xms} and {@code -Xmx}, e.g. {@code 512m}
   * @param javaHome the JDK that runs the node
   * @throws IOException when it does not start, exits early or is not up in time (see its logs)
   */
  public static OpenSearchProcess start(Path home, Path dir, String heap, Path javaHome)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(home.resolve("bin/opensearch"))) {
      throw new IOException("no OpenSearch distribution at " + home + " (bin/opensearch missing)");
    }
    dir = dir.toAbsolutePath();
    int httpPort = freePort();
    int transportPort = freePort();
    Path config = writeConfig(home, dir, httpPort, transportPort);
    Path pidFile = dir.resolve("opensearch.pid");
    List<String> cmd = new ArrayList<>();
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      chown(dir);
      cmd.addAll(List.of("runuser", "-u", RUN_AS, "--"));
    }
    cmd.addAll(List.of("env", "OPENSEARCH_JAVA_HOME=" + javaHome));
    cmd.add("OPENSEARCH_PATH_CONF=" + config);
    cmd.add("OPENSEARCH_JAVA_OPTS=-Xms" + heap + " -Xmx" + heap);
    cmd.addAll(List.of(home.resolve("bin/opensearch").toString(), "-p", pidFile.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectOutput(dir.resolve("stdout.log").toFile());
    pb.redirectError(dir.resolve("stderr.log").toFile());
    Process launcher = pb.start();
    OpenSearchHttp http = new OpenSearchHttp(URI.create("http://127.0.0.1:" + httpPort));
    long limit = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < limit) {
      if (!launcher.isAlive()) {
        throw new IOException(
            "OpenSearch exited with " + launcher.exitValue() + " during start; see " + dir);
      }
      Optional<Long> pid = readPid(pidFile);
      if (pid.isPresent() && http.up()) {
        return new OpenSearchProcess(launcher, dir, pid.get(), http);
      }
      Thread.sleep(POLL_MILLIS);
    }
    readPid(pidFile).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
    launcher.destroyForcibly();
    throw new IOException(
        "OpenSearch was not up within " + START_LIMIT.toSeconds() + " s; see logs under " + dir);
  }

  /** The node's JVM (not the launcher). */
  public long pid() {
    return pid;
  }

  public OpenSearchHttp http() {
    return http;
  }

  /** Bytes of all files under the node's data directory (apparent size). */
  public long dataBytes() {
    return treeBytes(dir.resolve("data"));
  }

  /** Stops the JVM with SIGTERM and waits; SIGKILL after {@link #STOP_LIMIT}. */
  @Override
  public void close() {
    Optional<ProcessHandle> jvm = ProcessHandle.of(pid);
    try {
      if (jvm.isPresent()) {
        jvm.get().destroy();
        try {
          jvm.get().onExit().get(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException
            | java.util.concurrent.ExecutionException e) {
          jvm.get().destroyForcibly();
        }
      }
      if (!launcher.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        launcher.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      jvm.ifPresent(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
  }

  /** The config directory: the distribution's, plus the single-node settings of this run. */
  static Path writeConfig(Path home, Path dir, int httpPort, int transportPort) throws IOException {
    Path config = dir.resolve("config");
    Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(dir.resolve("logs"));
    copyTree(home.resolve("config"), config);
    String settings =
        String.join(
            "\n",
            "",
            "discovery.type: single-node",
            "network.host: 127.0.0.1",
            "http.port: " + httpPort,
            "transport.port: " + transportPort,
            "path.data: " + dir.resolve("data"),
            "path.logs: " + dir.resolve("logs"),
            "");
    Files.writeString(
        config.resolve("opensearch.yml"),
        settings,
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    Path jvmOptions = config.resolve("jvm.options");
    String options =
        Files.readString(jvmOptions)
            .replace("logs/", dir.resolve("logs") + "/")
            .replace("HeapDumpPath=data", "HeapDumpPath=" + dir.resolve("data"));
    Files.writeString(jvmOptions, options);
    return config;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void chown(Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("chown", "-R", RUN_AS, dir.toString()).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException(
          "chown -R " + RUN_AS + " " + dir + " failed (does the user " + RUN_AS + " exist?)");
    }
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      String s = Files.readString(pidFile).strip();
      return s.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(s));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty(); // not written (completely) yet
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static long treeBytes(Path root) {
    if (!Files.exists(root)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(OpenSearchProcess::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0; // removed while walking (a merged segment): holds nothing now
    }
  }

  @Override
  public String toString() {
    return "OpenSearchProcess[pid=" + pid + ", dir=" + dir + ", http=" + http + "]";
  }
}
