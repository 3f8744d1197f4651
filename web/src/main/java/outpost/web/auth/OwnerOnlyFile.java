package outpost.web.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.DurableFiles;

/**
 * Reads and atomically replaces small secret files (users, tokens) that only their owner may read
 * (mode 600). Stateless; callers serialise writes to one file.
 */
final class OwnerOnlyFile {
  private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFile.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFile() {}

  /** Reads {@code file}, refusing one larger than {@code maxBytes}; names file and limit. */
  static byte[] read(Path file, long maxBytes) throws IOException {
    long size = Files.size(file);
    if (size > maxBytes) {
      throw new IOException(file + ": size " + size + " exceeds limit " + maxBytes);
    }
    return Files.readAllBytes(file);
  }

  /**
   * Writes a temporary file created owner-only, flushes it to disk, then renames it over {@code
   * file}, so readers and a crash see either the old or the new content.
   */
  static void write(Path file, byte[] content) throws IOException {
    DurableFiles.replace(file, content, true);
  }

  /** Makes an existing {@code file} mode 600 if group or others had any access. */
  static void tightenPermissions(Path file) throws IOException {
    if (!DurableFiles.posix()) {
      return;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(perms)) {
      LOG.warn(
          "{} had mode {}; setting it to rw-------", file, PosixFilePermissions.toString(perms));
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }
}
