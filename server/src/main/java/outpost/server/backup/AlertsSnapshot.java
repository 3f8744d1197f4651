package outpost.server.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies {@code alerts.db} with SQLite's {@code VACUUM INTO}: one read transaction on a connection
 * of its own, so the copy is one consistent state of every check, acknowledgement and notification
 * even while the engine writes (the database runs in WAL mode, where a reader never blocks the
 * writer). Stateless.
 */
final class AlertsSnapshot {
  static final String FILE_NAME = "alerts.db";

  private AlertsSnapshot() {}

  /**
   * Writes a snapshot of {@code source} to {@code target}, which must not exist.
   *
   * @return false when there is no alert database to copy
   */
  static boolean copy(Path source, Path target) throws IOException {
    if (!Files.isRegularFile(source)) {
      return false;
    }
    String url = "jdbc:sqlite:" + source.toAbsolutePath();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000");
      // VACUUM INTO takes a string literal; a quote in the path is doubled, SQL's escape for it
      s.execute("VACUUM INTO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
      return true;
    } catch (SQLException e) {
      throw new IOException("online backup of " + source + " failed: " + e.getMessage(), e);
    }
  }
}
