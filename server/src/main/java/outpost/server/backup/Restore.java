package outpost.server.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.stream.Stream;
import outpost.index.DurableFiles;

/**
 * Restores a verified backup into a data directory that is absent or empty. An absent one is filled
 * under a temporary name next to it and renamed into place when complete, so an interrupted restore
 * never looks like a data directory. Stateless.
 */
public final class Restore {
  private Restore() {}

  /** Thrown when the backup does not verify or the target is not empty. */
  public static final class RefusedException extends IOException {
    RefusedException(String message) {
      super(message);
    }
  }

  /**
   * Verifies {@code backup}, then copies its files into {@code dataDir}.
   *
   * @return the manifest restored
   * @throws RefusedException when the backup is damaged or incomplete, or {@code dataDir} is in use
   *     or not empty
   */
  public static BackupManifest run(Path backup, Path dataDir, Consumer<String> progress)
      throws IOException {
    VerifyReport report = BackupVerifier.verify(backup);
    if (!report.ok()) {
      throw new RefusedException(
          "backup "
              + backup
              + " does not match its manifest; nothing restored:\n  "
              + String.join("\n  ", report.lines()));
    }
    progress.accept("verified " + report.checked() + " files, " + report.bytes() + " bytes");
    BackupManifest manifest = BackupManifest.read(backup);
    Path target = dataDir.toAbsolutePath().normalize();
    if (Files.exists(target)) {
      refuseUnlessEmpty(target);
      copyAll(backup, manifest, target);
    } else {
      Path staging = target.resolveSibling(target.getFileName() + ".restoring");
      if (Files.exists(staging)) {
        throw new RefusedException(
            staging + " exists: an earlier restore was interrupted; remove it and run again");
      }
      Files.createDirectories(staging);
      copyAll(backup, manifest, staging);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      fsyncDirectory(target.getParent());
    }
    progress.accept("restored " + manifest.files().size() + " files into " + target);
    return manifest;
  }

  private static void refuseUnlessEmpty(Path target) throws IOException {
    if (!Files.isDirectory(target)) {
      throw new RefusedException(target + " exists and is not a directory");
    }
    if (Files.exists(target.resolve(ControlServer.SOCKET_NAME))
        || Files.exists(target.resolve(DataDirLock.FILE_NAME))) {
      try (DataDirLock lock = DataDirLock.acquire(target)) {
        // not running; the leftover lock file still makes it non-empty below
      } catch (DataDirLock.LockedException e) {
        throw new RefusedException(e.getMessage() + "; stop it before restoring, into a new dir");
      }
    }
    try (Stream<Path> entries = Files.list(target)) {
      var first = entries.findFirst();
      if (first.isPresent()) {
        throw new RefusedException(
            "data directory "
                + target
                + " is not empty (it holds "
                + first.get().getFileName()
                + "); restore only into an empty or absent directory");
      }
    }
  }

  private static void copyAll(Path backup, BackupManifest manifest, Path into) throws IOException {
    for (BackupManifest.Entry e : manifest.files()) {
      Path to = into.resolve(e.name()).normalize();
      if (!to.startsWith(into)) {
        throw new RefusedException("manifest entry '" + e.name() + "' leaves " + into);
      }
      Files.createDirectories(to.getParent());
      Files.copy(backup.resolve(e.name()), to);
      if (DurableFiles.posix()) {
        Files.setPosixFilePermissions(
            to, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      }
      try (FileChannel ch = FileChannel.open(to, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
    }
    try (Stream<Path> dirs = Files.walk(into)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        fsyncDirectory(d);
      }
    }
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }
}
