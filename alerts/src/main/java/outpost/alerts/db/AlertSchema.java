package outpost.alerts.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The schema versions of {@code alerts.db}, oldest first. Version 0 is a database written before
 * Outpost versioned it; version 1 has the same tables and only records the version. Add a migration
 * here whenever a component's {@code CREATE TABLE} changes, and change that statement to the new
 * shape at the same time.
 */
public final class AlertSchema {
  /** The migrations this build knows; the last one's version is the current schema. */
  public static final List<SchemaMigration> MIGRATIONS =
      List.of(
          new SchemaMigration(
              1,
              "record the schema version (tables unchanged since before versioning)",
              List.of()));

  private AlertSchema() {}

  /** Where SQLite keeps {@code user_version}: a big-endian int in the file header. */
  private static final int USER_VERSION_OFFSET = 60;

  /**
   * Read-only: the refusal {@link AlertDatabase#open} would raise for {@code dataDir}'s {@code
   * alerts.db} because its schema is newer than this build's, if it would. Reads the version from
   * the file header (as of the last checkpoint; a clean shutdown checkpoints) without opening
   * SQLite, so nothing is written.
   *
   * @throws IOException when the file exists but cannot be read
   */
  public static Optional<String> newerThanSupported(Path dataDir) throws IOException {
    Path file = dataDir.resolve(AlertDatabase.FILE_NAME);
    if (!Files.isRegularFile(file) || Files.size(file) < USER_VERSION_OFFSET + 4) {
      return Optional.empty();
    }
    byte[] header = new byte[USER_VERSION_OFFSET + 4];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(header, 0, header.length) < header.length) {
        return Optional.empty();
      }
    }
    int found = ByteBuffer.wrap(header, USER_VERSION_OFFSET, 4).getInt();
    return found > current()
        ? Optional.of(SchemaMigrator.newerMessage(file, found, current()))
        : Optional.empty();
  }

  /** The schema version this build writes. */
  public static int current() {
    return current(MIGRATIONS);
  }

  static int current(List<SchemaMigration> migrations) {
    return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
  }
}
