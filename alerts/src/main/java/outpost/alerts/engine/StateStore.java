package outpost.alerts.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import outpost.alerts.db.AlertDatabase;
import outpost.alerts.state.CheckKey;
import outpost.alerts.state.CheckState;

/**
 * Check ids and states in {@code alerts.db}: an id is assigned once per host and service and kept
 * forever, so {@code ACK 17} means the same check across restarts. Thread-safe (the database
 * serialises).
 */
final class StateStore {
  private final AlertDatabase db;

  StateStore(AlertDatabase db) {
    this.db = db;
  }

  /** The stored row of a check. */
  record Row(long id, String kind, CheckState state, boolean retired) {}

  /** The id of {@code key}, assigned now when new; records {@code kind} and clears retirement. */
  Row register(CheckKey key, String kind) {
    return db.transaction(
        c -> {
          Optional<Row> row = find(c, key);
          if (row.isPresent()) {
            if (!row.get().kind().equals(kind)) {
              try (PreparedStatement s =
                  c.prepareStatement("UPDATE checks SET kind = ? WHERE id = ?")) {
                s.setString(1, kind);
                s.setLong(2, row.get().id());
                s.executeUpdate();
              }
            }
            return new Row(row.get().id(), kind, row.get().state(), row.get().retired());
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO checks (host, service, kind) VALUES (?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, key.host());
            s.setString(2, key.service());
            s.setString(3, kind);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
              keys.next();
              return new Row(keys.getLong(1), kind, null, false);
            }
          }
        });
  }

  private static Optional<Row> find(Connection c, CheckKey key) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, kind, state, retired FROM checks WHERE host = ? AND service = ?")) {
      s.setString(1, key.host());
      s.setString(2, key.service());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        String json = r.getString(3);
        return Optional.of(
            new Row(
                r.getLong(1),
                r.getString(2),
                json == null ? null : StateCodec.state(json),
                r.getInt(4) != 0));
      }
    }
  }

  /** The stored checks of {@code host} that are not marked retired, with their states. */
  java.util.List<Row> activeOf(String host) {
    return db.read(
        c -> {
          java.util.List<Row> out = new java.util.ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, kind, state FROM checks WHERE host = ? AND retired = 0"
                      + " AND state IS NOT NULL")) {
            s.setString(1, host);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(
                    new Row(r.getLong(1), r.getString(2), StateCodec.state(r.getString(3)), false));
              }
            }
          }
          return out;
        });
  }

  /** Writes the state within the caller's transaction. */
  static void save(Connection c, CheckState state, boolean retired) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE checks SET state = ?, retired = ? WHERE id = ?")) {
      s.setString(1, StateCodec.write(state));
      s.setInt(2, retired ? 1 : 0);
      s.setLong(3, state.id());
      if (s.executeUpdate() != 1) {
        throw new SQLException("no check with id " + state.id());
      }
    }
  }
}
