package outpost.alerts.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import outpost.alerts.PerfSample;
import outpost.alerts.check.PerfValue;
import outpost.alerts.check.Status;
import outpost.alerts.db.AlertDatabase;
import outpost.alerts.state.HistoryEvent;
import outpost.alerts.state.StateType;

/**
 * Each check's history lines (the newest {@link #MAX_HISTORY_PER_CHECK} kept) and performance
 * samples (the last {@link #PERF_RETENTION}). Writes join the caller's transaction. Thread-safe.
 */
final class HistoryStore {
  static final int MAX_HISTORY_PER_CHECK = 2_000;
  static final Duration PERF_RETENTION = Duration.ofHours(24);
  static final int MAX_PERF_SAMPLES = 1_440;

  private final AlertDatabase db;

  HistoryStore(AlertDatabase db) {
    this.db = db;
  }

  static void append(Connection c, List<HistoryEvent> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO check_history (check_id, at, kind, status, type, attempt, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (HistoryEvent e : events) {
        s.setLong(1, e.checkId());
        s.setLong(2, e.at().toEpochMilli());
        s.setString(3, e.kind());
        s.setString(4, e.status().name());
        s.setString(5, e.type().name());
        s.setInt(6, e.attempt());
        s.setString(7, e.detail());
        s.addBatch();
      }
      s.executeBatch();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM check_history WHERE check_id = ? AND seq <= (SELECT seq FROM check_history"
                + " WHERE check_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)")) {
      for (long id : events.stream().mapToLong(HistoryEvent::checkId).distinct().toArray()) {
        s.setLong(1, id);
        s.setLong(2, id);
        s.setInt(3, MAX_HISTORY_PER_CHECK);
        s.executeUpdate();
      }
    }
  }

  static void appendPerf(Connection c, long checkId, Instant at, List<PerfValue> values)
      throws SQLException {
    if (values.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO check_perf (check_id, at, perf) VALUES (?, ?, ?)")) {
      s.setLong(1, checkId);
      s.setLong(2, at.toEpochMilli());
      s.setString(3, StateCodec.write(values));
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM check_perf WHERE check_id = ? AND at < ?")) {
      s.setLong(1, checkId);
      s.setLong(2, at.minus(PERF_RETENTION).toEpochMilli());
      s.executeUpdate();
    }
  }

  /** Newest first. */
  List<HistoryEvent> history(long checkId, int limit) {
    return db.read(
        c -> {
          List<HistoryEvent> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT at, kind, status, type, attempt, detail FROM check_history"
                      + " WHERE check_id = ? ORDER BY seq DESC LIMIT ?")) {
            s.setLong(1, checkId);
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(
                    new HistoryEvent(
                        checkId,
                        Instant.ofEpochMilli(r.getLong(1)),
                        r.getString(2),
                        Status.valueOf(r.getString(3)),
                        StateType.valueOf(r.getString(4)),
                        r.getInt(5),
                        r.getString(6)));
              }
            }
          }
          return out;
        });
  }

  /** Oldest first, at most {@link #MAX_PERF_SAMPLES} within {@link #PERF_RETENTION} of now. */
  List<PerfSample> perf(long checkId, Instant now) {
    return db.read(
        c -> {
          List<PerfSample> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT at, perf FROM check_perf WHERE check_id = ? AND at >= ?"
                      + " ORDER BY at DESC LIMIT ?")) {
            s.setLong(1, checkId);
            s.setLong(2, now.minus(PERF_RETENTION).toEpochMilli());
            s.setInt(3, MAX_PERF_SAMPLES);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(
                    new PerfSample(
                        Instant.ofEpochMilli(r.getLong(1)), StateCodec.perf(r.getString(2))));
              }
            }
          }
          return out.reversed();
        });
  }
}
