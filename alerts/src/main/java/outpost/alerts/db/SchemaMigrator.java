package outpost.alerts.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings an open {@code alerts.db} to the current schema version in one transaction: all migrations
 * and the new {@code user_version} commit together or not at all. A database newer than this build
 * is refused before anything is written. Stateless.
 */
final class SchemaMigrator {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

  private SchemaMigrator() {}

  /**
   * @param c a connection with auto-commit off
   * @throws SchemaVersionException when the database is newer than {@code migrations} know
   * @throws SQLException when a migration fails (everything is rolled back)
   */
  static void migrate(Connection c, Path file, List<SchemaMigration> migrations)
      throws SQLException {
    refuseNewer(c, file, migrations);
    int current = AlertSchema.current(migrations);
    int found = userVersion(c);
    if (found == current) {
      return;
    }
    try (Statement s = c.createStatement()) {
      if (isEmpty(s)) {
        LOG.info("new alert database {}: schema version {}", file, current);
      } else {
        for (SchemaMigration m : migrations) {
          if (m.version() > found) {
            LOG.info(
                "alert database {}: schema {} -> {}: {}",
                file,
                found,
                m.version(),
                m.description());
            for (String sql : m.statements()) {
              s.execute(sql);
            }
          }
        }
      }
      s.execute("PRAGMA user_version = " + current);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  /**
   * @throws SchemaVersionException when the database is newer than {@code migrations} know
   */
  static void refuseNewer(Connection c, Path file, List<SchemaMigration> migrations)
      throws SQLException {
    int current = AlertSchema.current(migrations);
    int found = userVersion(c);
    if (found > current) {
      throw new SchemaVersionException(newerMessage(file, found, current));
    }
  }

  static String newerMessage(Path file, int found, int current) {
    return file
        + " has schema version "
        + found
        + ", newer than this Outpost supports ("
        + current
        + "); upgrade Outpost to the version that wrote it, or restore alerts.db from a backup"
        + " made with this version. Nothing was changed";
  }

  static int userVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static boolean isEmpty(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
      return rs.next() && rs.getInt(1) == 0;
    }
  }
}
