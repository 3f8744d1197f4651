package outpost.server;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Reads secrets from files that only their owner may read; a file readable by group or others is
 * refused with an error naming the key and the file. Stateless.
 */
final class SecretFiles {
  private SecretFiles() {}

  /** The stripped first line of {@code file}, which must be owner-only and not empty. */
  static String firstLine(ConfigSource src, ConfigKey key, Path file) {
    requireOwnerOnly(src, key, file);
    try {
      String first = Files.readAllLines(file).stream().findFirst().orElse("").strip();
      if (first.isEmpty()) {
        throw src.invalid(key, file + " is empty");
      }
      return first;
    } catch (IOException e) {
      throw src.invalid(key, "cannot read " + file + ": " + e);
    }
  }

  /** Refuses {@code file} when group or others may read it. */
  static void requireOwnerOnly(ConfigSource src, ConfigKey key, Path file) {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ)
          || perms.contains(PosixFilePermission.OTHERS_READ)) {
        throw src.invalid(key, file + " is readable by group or others; chmod 600 it");
      }
    } catch (IOException e) {
      throw src.invalid(key, "cannot read " + file + ": " + e);
    }
  }
}
