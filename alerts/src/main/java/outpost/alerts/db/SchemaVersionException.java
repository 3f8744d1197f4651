package outpost.alerts.db;

/**
 * {@code alerts.db} was written by a newer Outpost (its {@code user_version} is above the schema
 * this build knows). The message names the file, both versions and what to do.
 */
public final class SchemaVersionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchemaVersionException(String message) {
    super(message);
  }
}
