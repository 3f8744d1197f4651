package outpost.server.relp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import outpost.server.Main;

/**
 * Outpost's {@link Main} in a separate JVM (test class path), so a test can SIGKILL it and start it
 * again on the same data directory and RELP port. Close it in a finally block (kills it if it still
 * runs; safe twice). Not thread-safe.
 */
final class OutpostJvm implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile("outpost: listening syslog .* web=(\\d+) data=.*");
  private static final long START_TIMEOUT_SECONDS = 60;

  /** The admin password the JVM is started with. */
  static final String ADMIN_PASSWORD = "relp-test-password";

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final int webPort;

  private OutpostJvm(Process process, Path stdout, Path stderr, int webPort) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.webPort = webPort;
  }

  /**
   * Starts Outpost on {@code dataDir}, UDP and TCP off, RELP on 127.0.0.1:{@code relpPort}, web on
   * a free port, logs in {@code logDir/name.stdout|stderr}; waits for its ready line.
   */
  static OutpostJvm start(
      Path dataDir, int relpPort, Path logDir, String name, Map<String, String> extraEnv)
      throws IOException {
    Files.createDirectories(logDir);
    Path out = logDir.resolve(name + ".stdout");
    Path err = logDir.resolve(name + ".stderr");
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                classPath,
                Main.class.getName()));
    builder.environment().keySet().removeIf(k -> k.startsWith("OUTPOST_"));
    builder
        .environment()
        .putAll(
            Map.of(
                "OUTPOST_DATA_DIR", dataDir.toString(),
                "OUTPOST_SYSLOG_BIND", "127.0.0.1",
                "OUTPOST_SYSLOG_UDP_PORT", "-1",
                "OUTPOST_SYSLOG_TCP_PORT", "0",
                "OUTPOST_SYSLOG_RELP_PORT", Integer.toString(relpPort),
                "OUTPOST_WEB_BIND", "127.0.0.1",
                "OUTPOST_WEB_PORT", "0",
                "OUTPOST_ADMIN_PASSWORD", ADMIN_PASSWORD));
    builder.environment().putAll(extraEnv);
    builder.redirectError(err.toFile());
    Process process = builder.start();
    CompletableFuture<Integer> ready = new CompletableFuture<>();
    Thread pump = new Thread(() -> pump(process, out, ready), "outpost-stdout-" + name);
    pump.setDaemon(true);
    pump.start();
    try {
      return new OutpostJvm(process, out, err, ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new AssertionError("Outpost did not report ready: " + e + "\n" + read(err), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting Outpost", e);
    }
  }

  private static void pump(Process process, Path log, CompletableFuture<Integer> ready) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        out.write(line);
        out.newLine();
        out.flush();
        Matcher m = READY.matcher(line);
        if (m.matches()) {
          ready.complete(Integer.parseInt(m.group(1)));
        }
      }
      ready.completeExceptionally(new IllegalStateException("stdout closed before ready"));
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
  }

  int webPort() {
    return webPort;
  }

  /** SIGKILL, then waits for the process to end; returns its exit value (137). */
  int kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("Outpost " + process.pid() + " survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing Outpost", e);
    }
    return process.exitValue();
  }

  /** The process's log so far (stderr), tail only. */
  String log() {
    String text = read(stderr) + read(stdout);
    return text.length() > 20_000 ? text.substring(text.length() - 20_000) : text;
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
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
