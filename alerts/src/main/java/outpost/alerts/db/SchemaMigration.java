package outpost.alerts.db;

import java.util.List;

/**
 * The statements that bring {@code alerts.db} from schema version {@code version - 1} to {@code
 * version} ({@code PRAGMA user_version}). They alter tables that exist; a new database gets the
 * current tables from the components' {@code CREATE TABLE IF NOT EXISTS} and is stamped current.
 *
 * @param version the schema version after these statements, at least 1
 * @param description one line for the log
 * @param statements SQL run in order inside the migration's transaction
 */
public record SchemaMigration(int version, String description, List<String> statements) {
  public SchemaMigration {
    if (version < 1) {
      throw new IllegalArgumentException("version " + version + " is below 1");
    }
    statements = List.copyOf(statements);
  }
}
