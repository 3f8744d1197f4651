package outpost.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest, the backup directory (copy, prefix, link) and verification, on real files. */
class BackupFilesTest {
  @TempDir Path dir;

  @Test
  void verifiesAnIntactBackup() throws IOException {
    Path backup = backup("b1", null, "lucene-crc32:1");

    VerifyReport report = BackupVerifier.verify(backup);

    assertThat(report.ok()).as(report.lines().toString()).isTrue();
    assertThat(report.checked()).isEqualTo(3);
    assertThat(report.bytes()).isEqualTo(4 + 5 + 3);
  }

  @Test
  void reportsFlippedMissingAndExtraFilesByName() throws IOException {
    Path backup = backup("b1", null, null);
    Path segment = backup.resolve("index/2026-11-23/_0.cfs");
    byte[] bytes = Files.readAllBytes(segment);
    bytes[1] ^= 0x40;
    Files.write(segment, bytes);
    Files.delete(backup.resolve("checkpoint"));
    Files.writeString(backup.resolve("index/stray.txt"), "x");
    Files.writeString(backup.resolve("journal/segment-1.wal"), "a longer file");

    VerifyReport report = BackupVerifier.verify(backup);

    assertThat(report.ok()).isFalse();
    assertThat(report.mismatched())
        .containsExactlyInAnyOrder(
            "index/2026-11-23/_0.cfs (SHA-256 differs from the manifest)",
            "journal/segment-1.wal (size 13, manifest says 3)");
    assertThat(report.missing()).containsExactly("checkpoint");
    assertThat(report.extra()).containsExactly("index/stray.txt");
  }

  @Test
  void aBackupWithoutManifestIsIncomplete() throws IOException {
    Path partial = Files.createDirectories(dir.resolve("partial"));
    Files.writeString(partial.resolve("checkpoint"), "1\n");

    assertThatThrownBy(() -> BackupVerifier.verify(partial))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("manifest.json is missing")
        .hasMessageContaining("incomplete backup");
    assertThat(BackupManifest.complete(partial)).isFalse();
  }

  @Test
  void refusesAManifestOfAnotherFormat() throws IOException {
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(
        other.resolve(BackupManifest.FILE_NAME),
        "{\"format\":\"outpost-backup/9\",\"created\":\"2026-11-23T00:00:00Z\",\"files\":[]}");

    assertThatThrownBy(() -> BackupManifest.read(other))
        .hasMessageContaining("outpost-backup/9")
        .hasMessageContaining("is not " + BackupManifest.FORMAT);
  }

  @Test
  void linksFilesWithTheSameNameSizeAndFingerprintAndCopiesTheRest() throws IOException {
    Path first = backup("b1", null, "lucene-crc32:1");
    BackupManifest previous = BackupManifest.read(first);

    Path second = backup("b2", first, "lucene-crc32:1");
    Path third = backup("b3", second, "lucene-crc32:2");

    String name = "index/2026-11-23/_0.cfs";
    assertThat(inode(second.resolve(name))).isEqualTo(inode(first.resolve(name)));
    assertThat(inode(third.resolve(name))).isNotEqualTo(inode(second.resolve(name)));
    assertThat(inode(second.resolve("checkpoint")))
        .as("files without a fingerprint are always copied")
        .isNotEqualTo(inode(first.resolve("checkpoint")));
    assertThat(BackupManifest.read(second).byName().get(name))
        .isEqualTo(previous.byName().get(name));
    assertThat(BackupVerifier.verify(third).ok()).isTrue();
  }

  @Test
  void copiesTheHeaderAndTheRangeAskedFor() throws IOException {
    Path source = Files.writeString(dir.resolve("segment.wal"), "0123456789");
    Path target = Files.createDirectories(dir.resolve("b"));
    BackupDirectory sink = new BackupDirectory(target, null, null, line -> {});

    sink.copyRange(source, "journal/segment.wal", "HD".getBytes(StandardCharsets.US_ASCII), 3, 4);

    assertThat(Files.readString(target.resolve("journal/segment.wal"))).isEqualTo("HD3456");
    assertThat(sink.entries().get(0).size()).isEqualTo(6);
    assertThat(FileHashing.sha256(target.resolve("journal/segment.wal")))
        .isEqualTo(sink.entries().get(0).sha256());
    assertThatThrownBy(() -> sink.copyRange(source, "journal/long.wal", new byte[0], 0, 11))
        .hasMessageContaining("ended 1 bytes short of 11");
  }

  @Test
  void refusesNamesOutsideTheBackup() throws IOException {
    Path target = Files.createDirectories(dir.resolve("b"));
    BackupDirectory sink = new BackupDirectory(target, null, null, line -> {});

    assertThatThrownBy(() -> sink.write("../escape", new byte[1]))
        .hasMessageContaining("'../escape' leaves");
  }

  /** A small backup: a Lucene-like file (with a fingerprint), a journal segment, a checkpoint. */
  private Path backup(String name, Path previous, String fingerprint) throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path file = Files.createDirectories(data.resolve("index/2026-11-23")).resolve("_0.cfs");
    if (!Files.exists(file)) {
      Files.writeString(file, "abcd");
    }
    Path target = Files.createDirectories(dir.resolve(name));
    BackupManifest old = previous == null ? null : BackupManifest.read(previous);
    List<String> progress = new ArrayList<>();
    BackupDirectory sink = new BackupDirectory(target, old, previous, progress::add);
    sink.copy(file, "index/2026-11-23/_0.cfs", fingerprint);
    sink.write("checkpoint", "12345".getBytes(StandardCharsets.US_ASCII));
    sink.write("journal/segment-1.wal", "wal".getBytes(StandardCharsets.US_ASCII));
    new BackupManifest(
            BackupManifest.FORMAT, "dev", "none", Instant.now(), "test", 0, 0, sink.entries())
        .writeTo(target);
    return target;
  }

  private static Object inode(Path file) throws IOException {
    return Files.getAttribute(file, "unix:ino");
  }
}
