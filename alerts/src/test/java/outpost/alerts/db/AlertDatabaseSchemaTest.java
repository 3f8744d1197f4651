package outpost.alerts.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alerts.db}'s schema version: new databases are stamped, older migrated, newer refused. */
class AlertDatabaseSchemaTest {
  @TempDir Path dir;

  @Test
  void newDatabaseIsStampedWithTheCurrentVersion() throws Exception {
    try (AlertDatabase db = AlertDatabase.open(dir)) {
      int version = db.read(SchemaMigrator::userVersion);
      assertThat(version).isEqualTo(AlertSchema.current());
    }
    assertThat(AlertSchema.current()).isPositive();
  }

  @Test
  void unversionedDatabaseFromBeforeVersioningIsMigratedWithItsRowsKept() throws Exception {
    sql(
        "CREATE TABLE checks (id INTEGER PRIMARY KEY, host TEXT, service TEXT, state TEXT)",
        "INSERT INTO checks VALUES (7, 'web-1', 'http', '{\"status\":\"CRITICAL\"}')");
    assertThat(userVersion()).isZero();

    AlertDatabase.open(dir).close();

    assertThat(query("SELECT host || ' ' || state FROM checks WHERE id = 7"))
        .isEqualTo("web-1 {\"status\":\"CRITICAL\"}");
    assertThat(userVersion()).isEqualTo(AlertSchema.current());
  }

  @Test
  void olderVersionRunsEachLaterMigrationInOrder() throws Exception {
    sql("CREATE TABLE checks (id INTEGER PRIMARY KEY, host TEXT)", "PRAGMA user_version = 1");
    List<SchemaMigration> migrations =
        List.of(
            new SchemaMigration(1, "baseline", List.of()),
            new SchemaMigration(
                2, "add retired", List.of("ALTER TABLE checks ADD COLUMN retired INTEGER")),
            new SchemaMigration(3, "default retired", List.of("UPDATE checks SET retired = 0")));
    sql("INSERT INTO checks (id, host) VALUES (1, 'db-1')");

    AlertDatabase.open(dir, migrations).close();

    assertThat(userVersion()).isEqualTo(3);
    assertThat(query("SELECT host || ':' || retired FROM checks")).isEqualTo("db-1:0");
  }

  @Test
  void failingMigrationRollsBackEverythingAndKeepsTheOldVersion() throws Exception {
    sql("CREATE TABLE checks (id INTEGER PRIMARY KEY, host TEXT)", "PRAGMA user_version = 1");
    List<SchemaMigration> migrations =
        List.of(
            new SchemaMigration(1, "baseline", List.of()),
            new SchemaMigration(2, "add column", List.of("ALTER TABLE checks ADD COLUMN x TEXT")),
            new SchemaMigration(3, "broken", List.of("ALTER TABLE no_such_table ADD COLUMN y")));

    assertThatThrownBy(() -> AlertDatabase.open(dir, migrations))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no_such_table");

    assertThat(userVersion()).isEqualTo(1);
    assertThat(query("SELECT count(*) FROM pragma_table_info('checks') WHERE name = 'x'"))
        .isEqualTo("0");
  }

  @Test
  void newerVersionIsRefusedAndTheFileLeftByteIdentical() throws Exception {
    sql(
        "CREATE TABLE checks (id INTEGER PRIMARY KEY, host TEXT)",
        "PRAGMA user_version = " + (AlertSchema.current() + 5));
    Path file = dir.resolve(AlertDatabase.FILE_NAME);
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> AlertDatabase.open(dir))
        .isInstanceOf(SchemaVersionException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("schema version " + (AlertSchema.current() + 5))
        .hasMessageContaining("newer than this Outpost supports (" + AlertSchema.current() + ")")
        .hasMessageContaining("upgrade Outpost");

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(AlertSchema.newerThanSupported(dir))
        .hasValueSatisfying(m -> assertThat(m).contains("newer than this Outpost supports"));
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void currentDatabaseIsNotReportedAsNewer() throws Exception {
    AlertDatabase.open(dir).close();

    assertThat(AlertSchema.newerThanSupported(dir)).isEmpty();
  }

  private void sql(String... statements) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private String query(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private int userVersion() throws SQLException {
    return Integer.parseInt(query("PRAGMA user_version"));
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(AlertDatabase.FILE_NAME));
  }
}
