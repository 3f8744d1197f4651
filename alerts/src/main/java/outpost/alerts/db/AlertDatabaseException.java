package outpost.alerts.db;

import java.nio.file.Path;
import java.sql.SQLException;

/** A statement on the alert database failed; names the file and SQLite's reason. */
public final class AlertDatabaseException extends RuntimeException {
  public AlertDatabaseException(Path file, SQLException cause) {
    super("alert database " + file + ": " + cause.getMessage(), cause);
  }
}
