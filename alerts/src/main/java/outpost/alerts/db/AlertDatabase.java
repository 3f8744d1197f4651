package outpost.alerts.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The alerts' SQLite database ({@code data/alerts.db}): check state, history, acknowledgements,
 * downtimes and the notification outbox. One connection in WAL mode with {@code synchronous=FULL},
 * so a committed transaction survives a power loss; callers serialise through {@link #transaction}
 * and {@link #read}.
 *
 * <p>Thread-safe. Whoever opens it closes it.
 */
public final class AlertDatabase implements AutoCloseable {
  public static final String FILE_NAME = "alerts.db";

  private final Path file;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  /** Work done on the connection; may throw {@link SQLException}. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  private AlertDatabase(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * Opens (creating when missing) the database in {@code dataDir}.
   *
   * @throws IOException when the file cannot be opened or is not an SQLite database
   */
  public static AlertDatabase open(Path dataDir) throws IOException {
    return open(dataDir, AlertSchema.MIGRATIONS);
  }

  /**
   * Opens the database and migrates it forward through {@code migrations} in one transaction.
   *
   * @throws SchemaVersionException when its schema version is newer than {@code migrations} know
   *     (nothing is written then)
   * @throws IOException when the file cannot be opened, is not an SQLite database or a migration
   *     fails (rolled back)
   */
  public static AlertDatabase open(Path dataDir, List<SchemaMigration> migrations)
      throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE_NAME);
    Connection c = null;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      SchemaMigrator.refuseNewer(c, file, migrations); // before the pragmas change the file
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=5000");
      }
      c.setAutoCommit(false);
      SchemaMigrator.migrate(c, file, migrations);
      return new AlertDatabase(file, c);
    } catch (SchemaVersionException e) {
      closeQuietly(c, e);
      throw e;
    } catch (SQLException e) {
      closeQuietly(c, e);
      throw new IOException("cannot open alert database " + file + ": " + e.getMessage(), e);
    }
  }

  /** Runs each statement of a component's schema once (use {@code CREATE TABLE IF NOT EXISTS}). */
  public void ensureSchema(List<String> statements) {
    transaction(
        c -> {
          try (Statement s = c.createStatement()) {
            for (String sql : statements) {
              s.execute(sql);
            }
          }
          return null;
        });
  }

  /** Runs {@code work} in one transaction, committed when it returns and rolled back on failure. */
  public <T> T transaction(Work<T> work) {
    lock.lock();
    try {
      ensureOpen();
      try {
        T result = work.apply(connection);
        connection.commit();
        return result;
      } catch (SQLException e) {
        rollback(e);
        throw new AlertDatabaseException(file, e);
      } catch (RuntimeException e) {
        rollback(e);
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Runs a read; same serialisation as {@link #transaction}. */
  public <T> T read(Work<T> work) {
    return transaction(work);
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("alert database " + file + " is closed");
    }
  }

  private void rollback(Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void closeQuietly(Connection c, Exception cause) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        cause.addSuppressed(e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      connection.close();
    } catch (SQLException e) {
      throw new IOException("cannot close alert database " + file + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
