package outpost.index.opensearch;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real single-node OpenSearch on loopback for tests: a private config, data and log directory
 * under a temp dir, free HTTP and transport ports, 512 MiB heap. The distribution refuses to run as
 * root, so a root test JVM starts it as user {@value NodeFiles#RUN_AS} through {@code runuser}; any
 * other user runs it directly. {@link #stop()} and {@link #start()} again keep data dir and ports
 * (for outage tests); {@link #close()} stops it and deletes the temp dir.
 *
 * <p>Not thread-safe: one test drives one node. The creator closes it; {@link #shared()} is closed
 * by a shutdown hook.
 */
public final class OpenSearchNode implements AutoCloseable {
  /** How long a start may take on a loaded CI box. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");
  private static OpenSearchNode shared;
  private static Throwable sharedFailure;

  private final NodeFiles files;
  private final int httpPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;
  private boolean deleted;

  private OpenSearchNode(NodeFiles files, int httpPort) {
    this.files = files;
    this.httpPort = httpPort;
  }

  /** Starts a node with the default settings; waits until it answers green or yellow. */
  public static OpenSearchNode launch() {
    return launch(Map.of());
  }

  /**
   * Starts a node; {@code settings} are added to its {@code opensearch.yml} (e.g. {@code
   * thread_pool.write.queue_size: 1}). Waits until it answers green or yellow.
   */
  public static OpenSearchNode launch(Map<String, String> settings) {
    int httpPort = freePort();
    int transportPort = freePort();
    NodeFiles files =
        NodeFiles.create(OpenSearchDistribution.home(), httpPort, transportPort, settings);
    OpenSearchNode node = new OpenSearchNode(files, httpPort);
    try {
      node.start();
      return node;
    } catch (RuntimeException | Error e) {
      node.close();
      throw e;
    }
  }

  /**
   * One node for the whole test JVM, started on first use (the start is paid once) and stopped by a
   * shutdown hook. Tests sharing it use index names of their own and must not stop it.
   */
  public static synchronized OpenSearchNode shared() {
    if (sharedFailure != null) {
      throw new AssertionError("the shared OpenSearch node failed to start earlier", sharedFailure);
    }
    if (shared == null) {
      OpenSearchNode node;
      try {
        node = launch();
      } catch (RuntimeException | Error e) {
        // one start per test JVM: later tests fail at once instead of starting more nodes
        sharedFailure = e;
        throw e;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(node::close, "opensearch-node-shutdown"));
      shared = node;
    }
    return shared;
  }

  /** The node's HTTP base URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  /** The temp dir holding config, data and {@code node.log} (the node's stdout and stderr). */
  public Path directory() {
    return files.root();
  }

  /** Whether the node process is alive. */
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * Starts the node (again, on the same data dir and ports) and waits up to {@link #START_TIMEOUT}
   * for cluster health green or yellow. On failure the exception carries the tail of the node's
   * log.
   */
  public void start() {
    if (deleted) {
      throw new IllegalStateException("node at " + files.root() + " was closed");
    }
    if (isRunning()) {
      throw new IllegalStateException("node at " + url() + " is already running");
    }
    try {
      process = files.processBuilder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("starting OpenSearch: " + files.command(), e);
    }
    try {
      await("OpenSearch at " + url() + " green or yellow")
          .atMost(START_TIMEOUT)
          .pollDelay(500, MILLISECONDS)
          .pollInterval(500, MILLISECONDS)
          .until(this::healthy);
    } catch (ConditionTimeoutException | IllegalStateException e) {
      killTree();
      throw new AssertionError(
          "OpenSearch did not come up at " + url() + ": " + e.getMessage() + "\n" + files.logTail(),
          e);
    }
  }

  /** Stops the node with SIGTERM to its process tree and waits for it to exit. */
  public void stop() {
    if (process == null) {
      return;
    }
    List<ProcessHandle> tree = tree();
    // the JVM first: runuser forwards a SIGTERM too, but the JVM is what must shut down cleanly
    tree.reversed().forEach(ProcessHandle::destroy);
    if (!awaitExit(tree, STOP_TIMEOUT)) {
      killTree();
      throw new AssertionError(
          "OpenSearch ignored SIGTERM for " + STOP_TIMEOUT + "; killed\n" + files.logTail());
    }
    process = null;
  }

  /** Kills the node with SIGKILL (no clean shutdown) and waits for it to be gone. */
  public void kill() {
    if (process != null) {
      killTree();
    }
  }

  /** Stops the node and deletes its directory. Safe twice. */
  @Override
  public void close() {
    if (deleted) {
      return;
    }
    try {
      stop();
    } catch (AssertionError e) {
      killTree();
    } finally {
      deleted = true;
      files.delete();
    }
  }

  /** The tail of the node's log (stdout and stderr), for failure messages. */
  public String logTail() {
    return files.logTail();
  }

  private boolean healthy() {
    if (!process.isAlive()) {
      throw new IllegalStateException("the node exited with status " + process.exitValue());
    }
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(url().resolve("/_cluster/health"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      Matcher status = STATUS.matcher(response.body());
      return response.statusCode() == 200
          && status.find()
          && (status.group(1).equals("green") || status.group(1).equals("yellow"));
    } catch (IOException e) {
      return false; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for OpenSearch", e);
    }
  }

  private List<ProcessHandle> tree() {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(process.toHandle());
    process.toHandle().descendants().forEach(tree::add);
    return tree;
  }

  private void killTree() {
    if (process == null) {
      return;
    }
    List<ProcessHandle> tree = tree();
    tree.forEach(ProcessHandle::destroyForcibly);
    if (!awaitExit(tree, STOP_TIMEOUT)) {
      throw new AssertionError("OpenSearch processes " + tree + " survived SIGKILL");
    }
    process = null;
  }

  private static boolean awaitExit(List<ProcessHandle> tree, Duration timeout) {
    try {
      await()
          .atMost(timeout)
          .pollInterval(100, MILLISECONDS)
          .until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("finding a free port", e);
    }
  }
}
