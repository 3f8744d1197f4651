package outpost.server;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.server.backup.ControlServer;

/**
 * {@code outpost backup} and {@code restore} as separate processes against a server process: the
 * command reaches the running server over its control socket; after a kill -9 it finds the stale
 * socket, takes the lock and copies the data directory itself; the restored copy starts and serves
 * the message.
 */
class BackupCommandLineTest {
  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  @Test
  void backsUpThroughTheServerThenDirectlyAfterAKillAndRestores() throws Exception {
    Path data = dir.resolve("data");
    String token = "tok" + UUID.randomUUID().toString().replace("-", "");
    try (ServerProcess server = ServerProcess.start(data, dir.resolve("logs"), "first", Map.of())) {
      try (SyslogSender sender = new SyslogSender(server.tcpPort(), true)) {
        sender.send(SyslogSender.rfc5424("web-1", "app", "before the backup " + token));
      }
      ApiClient api = new ApiClient(server.webPort());
      await()
          .atMost(30, SECONDS)
          .pollInterval(100, MILLISECONDS)
          .until(() -> api.total(token) == 1);

      Result online = run(data, "backup", dir.resolve("backups/online").toString());

      assertThat(online.exit()).as(online.err()).isZero();
      assertThat(online.out()).contains("complete").doesNotContain("no Outpost runs");
      assertThat(server.kill()).as("killed").isNotZero();
    }
    assertThat(data.resolve(ControlServer.SOCKET_NAME)).as("left by the kill").exists();

    Result offline = run(data, "backup", dir.resolve("backups/offline").toString());
    Result verify = run(data, "backup", "--verify", dir.resolve("backups/offline").toString());
    Result usage = run(data, "backup");
    Path restored = dir.resolve("restored");
    Result restore = run(restored, "restore", dir.resolve("backups/online").toString());

    assertThat(offline.exit()).as(offline.err()).isZero();
    assertThat(offline.out()).contains("no Outpost runs on").contains("linked");
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.out()).contains("all match the manifest");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.err()).contains("backup needs a directory").contains("usage:");
    assertThat(restore.exit()).as(restore.err()).isZero();
    try (ServerProcess again =
        ServerProcess.start(restored, dir.resolve("logs"), "restored", Map.of())) {
      assertThat(new ApiClient(again.webPort()).total(token)).isEqualTo(1);
    }
  }

  private Result run(Path dataDir, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty(
                    "surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("OUTPOST_"));
    builder.environment().putAll(ServerProcess.baseEnv(dataDir));
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("exited").isTrue();
    return new Result(
        process.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }
}
