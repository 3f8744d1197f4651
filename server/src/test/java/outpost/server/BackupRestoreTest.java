package outpost.server;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.server.backup.DataDirLock;

/**
 * Online backup while TCP ingest and checks run, restore on a fresh directory, and a normal start
 * that finds every message accepted before the backup and every check with its state, id and
 * acknowledgement; damaged backups and non-empty targets are refused; an offline backup links what
 * the previous one already holds.
 */
class BackupRestoreTest {
  @TempDir Path dir;

  @Test
  void onlineBackupDuringIngestRestoresEveryAcceptedMessageAndCheckState() throws Exception {
    String run = "run" + UUID.randomUUID().toString().replace("-", "");
    try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      acceptAndClose(open);
      int closedPort = freePort();
      Path checks = checksFile(open.getLocalPort(), closedPort);
      Path backup = dir.resolve("backups/b1");
      Map<String, String> before;
      int accepted;
      try (BackupServer first = BackupServer.start(dir.resolve("data"), checks);
          BackupServer.Sender sender = new BackupServer.Sender(first.outpost.tcpPort(), run)) {
        await("checks ran: one OK pair, one refused port")
            .atMost(30, SECONDS)
            .pollInterval(200, MILLISECONDS)
            .untilAsserted(
                () ->
                    assertThat(first.checks())
                        .hasSize(3)
                        .hasEntrySatisfying("db-1/closed", s -> assertThat(s).endsWith("critical"))
                        .hasEntrySatisfying("db-1/open", s -> assertThat(s).endsWith("ok")));
        first.acknowledge(first.checks().get("db-1/closed").split(" ")[0]);
        sender.steady(5); // about 500 messages a second
        await().atMost(30, SECONDS).until(() -> sender.sent() >= 1500);
        accepted = sender.sent();
        first.awaitSearchable(accepted);
        before = first.checks();
        assertThat(before.get("db-1/closed")).endsWith("critical acked");

        BackupServer.Cli result = BackupServer.cli(first.env, "backup", backup.toString());

        System.out.println(result.out());
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("partition ").contains("complete");
        assertThat(sender.sent()).as("ingest went on during the backup").isGreaterThan(accepted);
      }
      assertThat(BackupServer.cli(Map.of(), "backup", "--verify", backup.toString()).exit())
          .isZero();

      Path restored = dir.resolve("restored");
      BackupServer.Cli restore =
          BackupServer.cli(BackupServer.env(restored, checks), "restore", backup.toString());
      assertThat(restore.exit()).as(restore.err()).isZero();

      try (BackupServer second = BackupServer.start(restored, checks)) {
        Set<Integer> expected =
            IntStream.rangeClosed(1, accepted).boxed().collect(Collectors.toSet());
        await("the restored journal replayed")
            .atMost(30, SECONDS)
            .pollInterval(200, MILLISECONDS)
            .until(() -> second.api.total(run) >= accepted);
        assertThat(second.numbers(run)).containsAll(expected);
        assertThat(second.checks()).isEqualTo(before);

        BackupServer.Cli live =
            BackupServer.cli(BackupServer.env(restored, checks), "restore", backup.toString());
        assertThat(live.exit()).isEqualTo(1);
        assertThat(live.err()).contains("in use by another Outpost");
      }
    }
  }

  @Test
  void offlineBackupLinksUnchangedFilesAndDamageIsDetectedAndRefused() throws Exception {
    String run = "run" + UUID.randomUUID().toString().replace("-", "");
    Path data = dir.resolve("data");
    try (BackupServer server = BackupServer.start(data, null);
        BackupServer.Sender sender = new BackupServer.Sender(server.outpost.tcpPort(), run)) {
      sender.send(500);
      server.awaitSearchable(500);
    }
    Map<String, String> env = BackupServer.env(data, null);
    Path first = dir.resolve("backups/2026-11-22");
    Path second = dir.resolve("backups/2026-11-23");

    BackupServer.Cli full = BackupServer.cli(env, "backup", first.toString());
    BackupServer.Cli incremental = BackupServer.cli(env, "backup", second.toString());

    System.out.println(full.out() + incremental.out());
    assertThat(full.exit()).as(full.err()).isZero();
    assertThat(full.out()).contains("no Outpost runs on").contains("(full)");
    assertThat(incremental.exit()).as(incremental.err()).isZero();
    assertThat(incremental.out()).contains("to " + first.toAbsolutePath());
    for (Path file : indexFiles(second)) {
      Path old = first.resolve(second.relativize(file));
      assertThat(Files.getAttribute(file, "unix:ino"))
          .as("%s is a hard link to the previous backup", file)
          .isEqualTo(Files.getAttribute(old, "unix:ino"));
    }
    assertThat(indexFiles(second)).isNotEmpty();

    try (DataDirLock held = DataDirLock.acquire(data)) {
      BackupServer.Cli locked =
          BackupServer.cli(env, "backup", dir.resolve("backups/locked").toString());
      assertThat(locked.exit()).isEqualTo(1);
      assertThat(locked.err()).contains("in use by another Outpost");
    }

    Path nonEmpty = Files.createDirectories(dir.resolve("occupied"));
    Files.writeString(nonEmpty.resolve("notes.txt"), "mine");
    BackupServer.Cli refused =
        BackupServer.cli(BackupServer.env(nonEmpty, null), "restore", second.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("not empty").contains("notes.txt");

    Path restored = dir.resolve("restored");
    assertThat(
            BackupServer.cli(BackupServer.env(restored, null), "restore", second.toString()).exit())
        .isZero();
    try (BackupServer again = BackupServer.start(restored, null)) {
      assertThat(again.numbers(run))
          .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 500).boxed().toList());
    }

    Path damaged = indexFiles(first).get(0);
    byte[] bytes = Files.readAllBytes(damaged);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(damaged, bytes);
    String name = first.relativize(damaged).toString();
    BackupServer.Cli verify = BackupServer.cli(Map.of(), "backup", "--verify", first.toString());
    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.err()).contains("mismatch: " + name);
    Path fresh = dir.resolve("fresh");
    BackupServer.Cli restoreDamaged =
        BackupServer.cli(BackupServer.env(fresh, null), "restore", first.toString());
    assertThat(restoreDamaged.exit()).isEqualTo(1);
    assertThat(restoreDamaged.err()).contains("does not match its manifest").contains(name);
    assertThat(fresh).doesNotExist();
  }

  private static java.util.List<Path> indexFiles(Path backup) throws IOException {
    try (Stream<Path> files = Files.walk(backup.resolve("index"))) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** A real peer for the TCP checks: accepts and closes every connection until closed. */
  private static void acceptAndClose(ServerSocket server) {
    Thread.ofVirtual()
        .start(
            () -> {
              while (!server.isClosed()) {
                try {
                  server.accept().close();
                } catch (IOException e) {
                  return; // closed by the test
                }
              }
            });
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private Path checksFile(int openPort, int closedPort) throws IOException {
    return Files.writeString(
        dir.resolve("checks.yml"),
        String.join(
            "\n",
            "defaults:",
            "  max_check_attempts: 1",
            "  check_interval: 1s",
            "  retry_interval: 1s",
            "  self_checks: false",
            "  host_freshness: \"off\"",
            "hosts:",
            "  - name: db-1",
            "    address: 127.0.0.1",
            "checks:",
            "  - name: open",
            "    host: db-1",
            "    kind: tcp",
            "    port: " + openPort,
            "    timeout: 2s",
            "  - name: open-again",
            "    host: db-1",
            "    kind: tcp",
            "    port: " + openPort,
            "    timeout: 2s",
            "  - name: closed",
            "    host: db-1",
            "    kind: tcp",
            "    port: " + closedPort,
            "    timeout: 2s",
            ""));
  }
}
