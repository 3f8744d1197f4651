package outpost.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Outpost server in its own JVM, started from the runnable jar with all ports on 0 and a data
 * directory of its own. Its stdout and stderr go to files in the data directory's parent. The
 * caller closes it: {@link #close()} stops it with SIGTERM (a graceful stop that commits the index)
 * and is safe twice. Not thread-safe.
 */
public final class ServerProcess implements AutoCloseable {
  /** The password the benchmark sets for {@code admin}. */
  public static final String PASSWORD = "bench";

  private static final Pattern READY =
      Pattern.compile("outpost: listening syslog udp=(\\d+) tcp=(\\d+) web=(\\d+) data=(.*)");
  private static final long START_TIMEOUT_SECONDS = 300;
  private static final long STOP_TIMEOUT_SECONDS = 120;

  private final Process process;
  private final Path dataDir;
  private final int udpPort;
  private final int tcpPort;
  private final int webPort;

  private ServerProcess(Process process, Path dataDir, Matcher ready) {
    this.process = process;
    this.dataDir = dataDir;
    this.udpPort = Integer.parseInt(ready.group(1));
    this.tcpPort = Integer.parseInt(ready.group(2));
    this.webPort = Integer.parseInt(ready.group(3));
  }

  /**
   * Starts {@code java -Xmx<heap> <jvmOptions> -jar <jar>} and waits for its ready line.
   *
   * @throws IOException when it cannot start, exits early or does not get ready in time
   */
  static ServerProcess start(Path jar, Path dataDir, String heap, List<String> jvmOptions)
      throws IOException {
    return start(jar, dataDir, heap, jvmOptions, Map.of());
  }

  /**
   * Like {@link #start(Path, Path, String, List)}, with further {@code OUTPOST_*} environment
   * overrides (e.g. another store); the data directory and ports are still the benchmark's.
   */
  public static ServerProcess start(
      Path jar, Path dataDir, String heap, List<String> jvmOptions, Map<String, String> overrides)
      throws IOException {
    Files.createDirectories(dataDir);
    Path logDir = dataDir.toAbsolutePath().getParent();
    String name = dataDir.getFileName().toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("OUTPOST_"));
    env.put("OUTPOST_DATA_DIR", dataDir.toString());
    env.put("OUTPOST_SYSLOG_UDP_PORT", "0");
    env.put("OUTPOST_SYSLOG_TCP_PORT", "0");
    env.put("OUTPOST_WEB_PORT", "0");
    env.put("OUTPOST_ADMIN_PASSWORD", PASSWORD);
    env.putAll(overrides);
    pb.redirectError(logDir.resolve(name + ".stderr.log").toFile());
    Process process = pb.start();
    CompletableFuture<Matcher> ready = new CompletableFuture<>();
    Thread pump =
        new Thread(
            () -> pumpStdout(process, logDir.resolve(name + ".stdout.log"), ready),
            "outpost-stdout-" + name);
    pump.setDaemon(true);
    pump.start();
    try {
      return new ServerProcess(
          process, dataDir, ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while waiting for the server to start", e);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IOException(
          "server did not print its ready line within "
              + START_TIMEOUT_SECONDS
              + " s; see "
              + logDir.resolve(name + ".stderr.log"),
          e);
    }
  }

  private static void pumpStdout(Process process, Path log, CompletableFuture<Matcher> ready) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(log)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.write(line);
        out.write('\n');
        out.flush();
        Matcher m = READY.matcher(line);
        if (m.matches()) {
          ready.complete(m);
        }
      }
      ready.completeExceptionally(
          new IOException("server exited before it was ready, exit " + process.waitFor()));
    } catch (IOException e) {
      ready.completeExceptionally(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ready.completeExceptionally(e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public int udpPort() {
    return udpPort;
  }

  public int tcpPort() {
    return tcpPort;
  }

  public int webPort() {
    return webPort;
  }

  Path dataDir() {
    return dataDir;
  }

  boolean alive() {
    return process.isAlive();
  }

  /**
   * Sends SIGTERM and waits for the exit; kills it if it takes longer than the stop timeout.
   *
   * @return the exit code
   */
  public int stop() {
    if (!process.isAlive()) {
      return process.exitValue();
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
        throw new IllegalStateException(
            "server did not stop within " + STOP_TIMEOUT_SECONDS + " s of SIGTERM; killed it");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while stopping the server", e);
    }
  }

  /** Bytes of all files under {@code sub} of the data directory (apparent size), 0 if absent. */
  public long diskBytes(String sub) {
    Path dir = dataDir.resolve(sub);
    if (!Files.exists(dir)) {
      return 0;
    }
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(ServerProcess::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0; // deleted while we walked (a merge or a journal segment); it holds no data now
    }
  }

  @Override
  public void close() {
    stop();
  }
}
