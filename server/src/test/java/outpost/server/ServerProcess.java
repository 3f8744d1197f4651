package outpost.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
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
 * Runs {@link Main} in a separate JVM on port 0 with the test class path, so a test can kill it
 * with SIGKILL and start it again on the same data directory. Close it (idempotent) in a finally
 * block; closing kills the process if it still runs.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile("outpost: listening syslog udp=(-?\\d+) tcp=(-?\\d+) web=(-?\\d+) data=(.*)");
  private static final long START_TIMEOUT_SECONDS = 60;

  /** The password of {@code admin} in every process started here. */
  public static final String ADMIN_PASSWORD = ApiClient.ADMIN_PASSWORD;

  /** The exit value Java reports for a process that died of SIGKILL (128 + 9). */
  public static final int SIGKILL_EXIT = 137;

  private final Process process;
  private final Path stdoutLog;
  private final Path stderrLog;
  private final int udpPort;
  private final int tcpPort;
  private final int webPort;

  private ServerProcess(Process process, Path stdoutLog, Path stderrLog, Matcher ready) {
    this.process = process;
    this.stdoutLog = stdoutLog;
    this.stderrLog = stderrLog;
    this.udpPort = Integer.parseInt(ready.group(1));
    this.tcpPort = Integer.parseInt(ready.group(2));
    this.webPort = Integer.parseInt(ready.group(3));
  }

  /**
   * Starts Outpost on {@code dataDir} with every listener on 127.0.0.1 port 0 and waits for its
   * ready line. {@code extraEnv} adds or overrides OUTPOST_* variables. The process logs go to
   * {@code <logDir>/<name>.stdout|stderr}.
   */
  public static ServerProcess start(
      Path dataDir, Path logDir, String name, Map<String, String> extraEnv) throws IOException {
    Files.createDirectories(logDir);
    Path stdoutLog = logDir.resolve(name + ".stdout");
    Path stderrLog = logDir.resolve(name + ".stderr");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(testClassPath());
    command.add(Main.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("OUTPOST_"));
    builder.environment().putAll(baseEnv(dataDir));
    builder.environment().putAll(extraEnv);
    builder.redirectError(stderrLog.toFile());
    Process process = builder.start();
    CompletableFuture<Matcher> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(() -> pumpStdout(process, stdoutLog, ready), "outpost-stdout-" + name);
    reader.setDaemon(true);
    reader.start();
    try {
      return new ServerProcess(
          process, stdoutLog, stderrLog, ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new AssertionError(
          "Outpost process did not report ready: " + e + "\n" + logs(stdoutLog, stderrLog), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting Outpost", e);
    }
  }

  static Map<String, String> baseEnv(Path dataDir) {
    return Map.of(
        "OUTPOST_DATA_DIR", dataDir.toString(),
        "OUTPOST_SYSLOG_UDP_PORT", "0",
        "OUTPOST_SYSLOG_TCP_PORT", "0",
        "OUTPOST_WEB_PORT", "0",
        "OUTPOST_WEB_BIND", "127.0.0.1",
        "OUTPOST_SYSLOG_BIND", "127.0.0.1",
        "OUTPOST_ADMIN_PASSWORD", ApiClient.ADMIN_PASSWORD);
  }

  /** Surefire may hide the class path in a manifest-only jar; it names the real one here. */
  private static String testClassPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  private static void pumpStdout(Process process, Path log, CompletableFuture<Matcher> ready) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.newLine();
        out.flush();
        Matcher m = READY.matcher(line);
        if (!ready.isDone() && m.matches()) {
          ready.complete(m);
        }
      }
      ready.completeExceptionally(
          new IllegalStateException("stdout closed, process alive: " + process.isAlive()));
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
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

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Sends SIGKILL and waits for the process to die; returns its exit value. */
  public int kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("Outpost process " + process.pid() + " survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing Outpost", e);
    }
    return process.exitValue();
  }

  /** The process's stdout and stderr so far, for failure messages. */
  public String logs() {
    return logs(stdoutLog, stderrLog);
  }

  /** The process's stderr (its log) so far. */
  public String stderr() {
    return read(stderrLog);
  }

  private static String logs(Path stdoutLog, Path stderrLog) {
    return "--- stdout "
        + stdoutLog
        + "\n"
        + read(stdoutLog)
        + "--- stderr "
        + stderrLog
        + "\n"
        + read(stderrLog);
  }

  private static String read(Path file) {
    try {
      if (!Files.exists(file)) {
        return "";
      }
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      // Keep failure messages readable: the tail is what matters.
      return text.length() > 20_000 ? "...\n" + text.substring(text.length() - 20_000) : text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
