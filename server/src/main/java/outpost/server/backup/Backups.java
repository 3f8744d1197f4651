package outpost.server.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import outpost.index.DurableFiles;
import outpost.index.backup.StoreBackup;
import outpost.web.auth.TokenStore;
import outpost.web.auth.UserStore;
import outpost.web.search.SavedSearchStore;

/**
 * Takes one backup of a data directory: the store's part ({@link StoreBackup}), a SQLite snapshot
 * of the alert state, the small state files, then the manifest, written last so that a directory
 * without it is recognisably incomplete. Used by the running server (over the control socket) and
 * by the command line when no server runs. Stateless; one backup per target directory.
 */
public final class Backups {
  /** The data format stamp helper files may add; copied when present. */
  static final String FORMAT_FILE = "FORMAT";

  /** State files copied as they are (each is replaced atomically by its writer), when present. */
  static final List<String> STATE_FILES =
      List.of(
          "hosts.dat",
          UserStore.FILE_NAME,
          TokenStore.FILE_NAME,
          SavedSearchStore.FILE_NAME,
          FORMAT_FILE);

  private Backups() {}

  /**
   * Backs {@code dataDir} up into {@code target} (absent or empty).
   *
   * @param previous the backup to link unchanged files to; null to pick the newest complete sibling
   *     of {@code target}
   * @throws IOException naming what failed; {@code target} then has no manifest
   */
  public static BackupResult run(
      Path dataDir,
      StoreBackup store,
      Path target,
      Path previous,
      InstantSource clock,
      Consumer<String> progress)
      throws IOException {
    Path dir = prepare(target.toAbsolutePath().normalize());
    Path prev = previous != null ? previous.toAbsolutePath().normalize() : newestSibling(dir);
    BackupManifest prevManifest = prev == null ? null : BackupManifest.read(prev);
    progress.accept(
        prev == null ? "full backup into " + dir : "incremental backup against " + prev);
    BackupDirectory sink = new BackupDirectory(dir, prevManifest, prev, progress);
    StoreBackup.Summary summary = store.backup(sink);
    if (AlertsSnapshot.copy(
        dataDir.resolve(AlertsSnapshot.FILE_NAME), sink.target(AlertsSnapshot.FILE_NAME))) {
      sink.adopt(AlertsSnapshot.FILE_NAME);
      progress.accept("alerts.db: SQLite snapshot taken");
    }
    for (String name : STATE_FILES) {
      Path file = dataDir.resolve(name);
      if (Files.isRegularFile(file)) {
        sink.copy(file, name, null);
      }
    }
    BackupManifest manifest =
        new BackupManifest(
            BackupManifest.FORMAT,
            outpostVersion(),
            dataFormat(dataDir),
            clock.instant(),
            summary.scope() + ", alerts.db, state files",
            summary.checkpointSeq(),
            summary.journalSeq(),
            sink.entries());
    manifest.writeTo(dir);
    return new BackupResult(
        dir, prev, manifest.files().size(), sink.copiedBytes(), sink.linkedBytes(), summary);
  }

  private static Path prepare(Path dir) throws IOException {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new IOException("backup target " + dir + " exists and is not a directory");
      }
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IOException("backup target " + dir + " is not empty; name a new directory");
        }
      }
      return dir;
    }
    Files.createDirectories(dir.getParent());
    if (DurableFiles.posix()) {
      // the backup holds password hashes and API tokens: readable by the owner only
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectory(dir);
    }
    return dir;
  }

  /** The newest complete backup next to {@code dir}, by its manifest's creation time. */
  static Path newestSibling(Path dir) throws IOException {
    Path parent = dir.getParent();
    if (parent == null) {
      return null;
    }
    try (Stream<Path> siblings = Files.list(parent)) {
      List<Path> candidates = siblings.filter(p -> !p.equals(dir) && Files.isDirectory(p)).toList();
      Optional<Path> newest =
          candidates.stream()
              .filter(BackupManifest::complete)
              .max(Comparator.comparing(Backups::created));
      return newest.orElse(null);
    }
  }

  private static java.time.Instant created(Path backup) {
    try {
      return BackupManifest.read(backup).created();
    } catch (IOException e) {
      return java.time.Instant.MIN;
    }
  }

  /** The version in the jar's manifest, or "dev" when run from classes. */
  static String outpostVersion() {
    String v = Backups.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private static String dataFormat(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FORMAT_FILE);
    if (!Files.isRegularFile(file)) {
      return "none";
    }
    return Files.readString(file).lines().findFirst().orElse("").trim();
  }
}
