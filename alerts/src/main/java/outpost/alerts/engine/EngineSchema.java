package outpost.alerts.engine;

import java.util.List;

/**
 * The engine's tables in {@code alerts.db}. Times are epoch milliseconds; states and perfdata are
 * JSON ({@link StateCodec}).
 */
final class EngineSchema {
  private EngineSchema() {}

  static final List<String> STATEMENTS =
      List.of(
          """
          CREATE TABLE IF NOT EXISTS checks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            host TEXT NOT NULL,
            service TEXT NOT NULL,
            kind TEXT NOT NULL,
            state TEXT,
            retired INTEGER NOT NULL DEFAULT 0,
            UNIQUE (host, service))""",
          """
          CREATE TABLE IF NOT EXISTS check_history (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            check_id INTEGER NOT NULL,
            at INTEGER NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            type TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            detail TEXT NOT NULL)""",
          "CREATE INDEX IF NOT EXISTS check_history_by_check ON check_history (check_id, seq)",
          """
          CREATE TABLE IF NOT EXISTS check_perf (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            check_id INTEGER NOT NULL,
            at INTEGER NOT NULL,
            perf TEXT NOT NULL)""",
          "CREATE INDEX IF NOT EXISTS check_perf_by_check ON check_perf (check_id, at)",
          """
          CREATE TABLE IF NOT EXISTS downtimes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            host TEXT NOT NULL,
            service TEXT NOT NULL,
            start_ms INTEGER NOT NULL,
            end_ms INTEGER NOT NULL,
            fixed INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL,
            author TEXT NOT NULL,
            comment TEXT NOT NULL,
            triggered_ms INTEGER)""",
          """
          CREATE TABLE IF NOT EXISTS passive_results (
            host TEXT NOT NULL,
            service TEXT NOT NULL,
            status TEXT NOT NULL,
            output TEXT NOT NULL,
            long_output TEXT NOT NULL,
            perf TEXT NOT NULL,
            checked_ms INTEGER NOT NULL,
            PRIMARY KEY (host, service))""");
}
