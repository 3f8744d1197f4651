package outpost.alerts.db;

import java.util.List;

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

  /** The schema version this build writes. */
  public static int current() {
    return current(MIGRATIONS);
  }

  static int current(List<SchemaMigration> migrations) {
    return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
  }
}
