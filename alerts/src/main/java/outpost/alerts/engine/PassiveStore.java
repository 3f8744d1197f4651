package outpost.alerts.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import outpost.alerts.check.CheckResult;
import outpost.alerts.check.PassiveResults;
import outpost.alerts.check.Status;
import outpost.alerts.db.AlertDatabase;
import outpost.alerts.state.CheckKey;

/**
 * The newest result posted for each passive check, in {@code alerts.db} and in memory; what the
 * {@code passive} check kind reads. Thread-safe.
 */
final class PassiveStore implements PassiveResults {
  private final Map<CheckKey, CheckResult> latest = new ConcurrentHashMap<>();

  PassiveStore(AlertDatabase db) {
    db.read(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet r =
                  s.executeQuery(
                      "SELECT host, service, status, output, long_output, perf, checked_ms"
                          + " FROM passive_results")) {
            while (r.next()) {
              latest.put(
                  new CheckKey(r.getString(1), r.getString(2)),
                  new CheckResult(
                      Status.valueOf(r.getString(3)),
                      r.getString(4),
                      r.getString(5),
                      StateCodec.perf(r.getString(6)),
                      Instant.ofEpochMilli(r.getLong(7)),
                      Duration.ZERO));
            }
          }
          return null;
        });
  }

  @Override
  public Optional<CheckResult> latest(String host, String service) {
    return Optional.ofNullable(latest.get(new CheckKey(host, service)));
  }

  /** Writes within the caller's transaction; call {@link #cache} after it commits. */
  static void save(Connection c, CheckKey key, CheckResult r) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT OR REPLACE INTO passive_results"
                + " (host, service, status, output, long_output, perf, checked_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, key.host());
      s.setString(2, key.service());
      s.setString(3, r.status().name());
      s.setString(4, r.output());
      s.setString(5, r.longOutput());
      s.setString(6, StateCodec.write(r.perfData()));
      s.setLong(7, r.checkedAt().toEpochMilli());
      s.executeUpdate();
    }
  }

  void cache(CheckKey key, CheckResult r) {
    latest.put(key, r);
  }
}
