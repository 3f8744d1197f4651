package outpost.alerts.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import outpost.alerts.db.AlertDatabase;
import outpost.alerts.state.Downtime;

/**
 * Scheduled downtimes, in {@code alerts.db} and cached in memory for the scheduler's tick.
 * Thread-safe.
 */
final class DowntimeStore {
  /** Downtimes at once; more is a runaway script, not an operator. */
  static final int MAX_DOWNTIMES = 10_000;

  private final AlertDatabase db;
  private final Map<Long, Downtime> cache = new ConcurrentHashMap<>();

  DowntimeStore(AlertDatabase db) {
    this.db = db;
    db.read(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet r =
                  s.executeQuery(
                      "SELECT id, host, service, start_ms, end_ms, fixed, duration_ms, author,"
                          + " comment, triggered_ms FROM downtimes")) {
            while (r.next()) {
              long t = r.getLong(10);
              Instant triggered = r.wasNull() ? null : Instant.ofEpochMilli(t);
              Downtime d =
                  new Downtime(
                      r.getLong(1),
                      r.getString(2),
                      r.getString(3),
                      Instant.ofEpochMilli(r.getLong(4)),
                      Instant.ofEpochMilli(r.getLong(5)),
                      r.getInt(6) != 0,
                      Duration.ofMillis(r.getLong(7)),
                      r.getString(8),
                      r.getString(9),
                      triggered);
              cache.put(d.id(), d);
            }
          }
          return null;
        });
  }

  /** Soonest end first. */
  List<Downtime> all() {
    List<Downtime> out = new ArrayList<>(cache.values());
    out.sort(Comparator.comparing(Downtime::end).thenComparing(Downtime::id));
    return out;
  }

  /** Stores a new downtime (its id is ignored) and returns it with its id. */
  Downtime add(Downtime d) {
    if (cache.size() >= MAX_DOWNTIMES) {
      throw new IllegalArgumentException(
          "downtimes " + cache.size() + " reach limit " + MAX_DOWNTIMES);
    }
    Downtime stored =
        db.transaction(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "INSERT INTO downtimes (host, service, start_ms, end_ms, fixed, duration_ms,"
                          + " author, comment, triggered_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, d.host());
                s.setString(2, d.service());
                s.setLong(3, d.start().toEpochMilli());
                s.setLong(4, d.end().toEpochMilli());
                s.setInt(5, d.fixed() ? 1 : 0);
                s.setLong(6, d.duration().toMillis());
                s.setString(7, d.author());
                s.setString(8, d.comment());
                if (d.triggeredAt() == null) {
                  s.setNull(9, java.sql.Types.INTEGER);
                } else {
                  s.setLong(9, d.triggeredAt().toEpochMilli());
                }
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                  keys.next();
                  return withId(d, keys.getLong(1));
                }
              }
            });
    cache.put(stored.id(), stored);
    return stored;
  }

  private static Downtime withId(Downtime d, long id) {
    return new Downtime(
        id,
        d.host(),
        d.service(),
        d.start(),
        d.end(),
        d.fixed(),
        d.duration(),
        d.author(),
        d.comment(),
        d.triggeredAt());
  }

  /** Deletes downtimes; @return false when none of them existed. */
  boolean remove(List<Long> ids) {
    if (ids.isEmpty()) {
      return false;
    }
    int n =
        db.transaction(
            c -> {
              int deleted = 0;
              try (PreparedStatement s = c.prepareStatement("DELETE FROM downtimes WHERE id = ?")) {
                for (long id : ids) {
                  s.setLong(1, id);
                  deleted += s.executeUpdate();
                }
              }
              return deleted;
            });
    ids.forEach(cache::remove);
    return n > 0;
  }

  /** Records triggered flexible downtimes within the caller's transaction. */
  static void saveTriggered(Connection c, List<Downtime> triggered) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE downtimes SET triggered_ms = ? WHERE id = ?")) {
      for (Downtime d : triggered) {
        s.setLong(1, d.triggeredAt().toEpochMilli());
        s.setLong(2, d.id());
        s.executeUpdate();
      }
    }
  }

  /** After the transaction that saved them committed. */
  void cacheTriggered(List<Downtime> triggered) {
    triggered.forEach(d -> cache.computeIfPresent(d.id(), (id, old) -> d));
  }
}
