package outpost.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.alerts.db.AlertSchema;
import outpost.server.data.DataFormatException;
import outpost.server.data.DataFormats;
import outpost.server.data.OutpostVersion;

/**
 * The data format at start: a new directory is stamped; a format-1 directory (everything written
 * before the stamp) is upgraded with its messages and check state intact; a newer format, a corrupt
 * stamp and a partition from an older Lucene are refused with a clear message and left
 * byte-identical.
 */
class DataFormatStartTest {
  @TempDir Path dir;

  @Test
  void newDirectoryIsStampedWithTheCurrentFormatAndVersion() throws Exception {
    Path data = dir.resolve("data");
    try (RunningOutpost outpost = RunningOutpost.start(data)) {
      assertThat(Files.readString(data.resolve("FORMAT")))
          .isEqualTo(
              "outpost-data-format "
                  + DataFormats.CURRENT
                  + "\nwritten-by outpost "
                  + OutpostVersion.current()
                  + "\n");
    }
    assertThat(OutpostVersion.current()).isNotEqualTo("unknown");
    assertThat(DataFiles.rows(data, "PRAGMA user_version"))
        .containsExactly(Integer.toString(AlertSchema.current()));
  }

  @Test
  void formatOneDirectoryIsUpgradedWithMessagesAndCheckStateKept() throws Exception {
    Path data = dir.resolve("data");
    String token = RunningOutpost.token();
    List<String> checks;
    try (RunningOutpost outpost = RunningOutpost.start(data)) {
      send(outpost, token);
      await().atMost(10, SECONDS).until(() -> outpost.api().total(token) == 1);
      await()
          .atMost(30, SECONDS)
          .until(() -> DataFiles.rows(data, "SELECT id FROM checks").size() >= 4);
      checks = DataFiles.rows(data, "SELECT id, host, service, kind FROM checks ORDER BY id");
    }
    // What Outpost wrote before the stamp existed: the same files, no FORMAT, alerts.db unversioned
    Files.delete(data.resolve("FORMAT"));
    DataFiles.sql(data, "PRAGMA user_version = 0");

    try (RunningOutpost outpost = RunningOutpost.start(data)) {
      assertThat(Files.readString(data.resolve("FORMAT")))
          .startsWith("outpost-data-format " + DataFormats.CURRENT + "\n");
      assertThat(outpost.api().total(token)).isEqualTo(1);
      assertThat(DataFiles.rows(data, "SELECT id, host, service, kind FROM checks ORDER BY id"))
          .containsAll(checks);
      assertThat(DataFiles.rows(data, "PRAGMA user_version"))
          .containsExactly(Integer.toString(AlertSchema.current()));
    }
  }

  @Test
  void newerFormatIsRefusedWithExitThreeAndLeftByteIdentical() throws Exception {
    Path data = dir.resolve("data");
    RunningOutpost.start(data).close();
    Files.writeString(data.resolve("FORMAT"), "outpost-data-format 3\nwritten-by outpost 9.1.0\n");
    Map<String, String> before = DataFiles.snapshot(data);

    OutpostCommand.Result result = OutpostCommand.run(dir, env(data));

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(3);
    assertThat(result.stderr())
        .contains("refusing to open the data directory")
        .contains("data directory " + data + " is in data format 3 (written by Outpost 9.1.0)")
        .contains("supports (format " + DataFormats.CURRENT + ")")
        .contains("Upgrade Outpost");
    assertThat(result.stdout()).doesNotContain("listening");
    assertThat(DataFiles.snapshot(data)).isEqualTo(before);
  }

  @Test
  void corruptStampIsRefusedAndLeftByteIdentical() throws Exception {
    Path data = dir.resolve("data");
    RunningOutpost.start(data).close();
    Files.writeString(data.resolve("FORMAT"), "outpost-data-formt two\n");
    Map<String, String> before = DataFiles.snapshot(data);

    assertThatThrownBy(() -> Outpost.start(config(data)))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(data.resolve("FORMAT") + ": line 1 is 'outpost-data-formt two'")
        .hasMessageContaining("expected 'outpost-data-format N'");
    assertThat(DataFiles.snapshot(data)).isEqualTo(before);
  }

  @Test
  void partitionFromAnOlderLuceneIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path data = dir.resolve("data");
    try (RunningOutpost outpost = RunningOutpost.start(data)) {
      send(outpost, RunningOutpost.token());
    }
    Path partition = data.resolve("index").resolve(LocalDate.now(ZoneOffset.UTC).toString());
    OldLuceneCommit.markCreatedBy(partition, 8);
    Map<String, String> before = DataFiles.snapshot(data);

    assertThatThrownBy(() -> Outpost.start(config(data)))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("holds index partitions this Outpost cannot read: " + partition)
        .hasMessageContaining("written by an older Lucene")
        .hasMessageContaining("move this directory out of the data directory");
    assertThat(DataFiles.snapshot(data)).isEqualTo(before);
  }

  @Test
  void upgradeDataCommandUpgradesAFormatOneDirectoryAndAdvisesABackup() throws Exception {
    Path data = dir.resolve("data");
    RunningOutpost.start(data).close();
    Files.delete(data.resolve("FORMAT"));

    OutpostCommand.Result result = OutpostCommand.run(dir, env(data), "upgrade-data");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .contains("bin/outpost backup")
        .contains("upgraded from format 1 to " + DataFormats.CURRENT);
    assertThat(Files.readString(data.resolve("FORMAT")))
        .startsWith("outpost-data-format " + DataFormats.CURRENT + "\n");

    OutpostCommand.Result again = OutpostCommand.run(dir, env(data), "upgrade-data");
    assertThat(again.stdout()).contains("already in format " + DataFormats.CURRENT);
  }

  private static void send(RunningOutpost outpost, String token) throws IOException {
    byte[] message =
        ("<14>1 " + Instant.now() + " format-test app - - - kept across upgrades " + token)
            .getBytes(StandardCharsets.UTF_8);
    try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), outpost.tcpPort())) {
      OutputStream out = tcp.getOutputStream();
      out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
      out.write(message);
      out.flush();
    }
    await().atMost(10, SECONDS).until(() -> outpost.api().total(token) == 1);
  }

  private static Map<String, String> env(Path data) {
    return Map.of(
        "OUTPOST_DATA_DIR", data.toString(),
        "OUTPOST_SYSLOG_BIND", "127.0.0.1",
        "OUTPOST_SYSLOG_UDP_PORT", "0",
        "OUTPOST_SYSLOG_TCP_PORT", "0",
        "OUTPOST_WEB_BIND", "127.0.0.1",
        "OUTPOST_WEB_PORT", "0");
  }

  private static OutpostConfig config(Path data) {
    return OutpostConfig.load(null, env(data));
  }
}
