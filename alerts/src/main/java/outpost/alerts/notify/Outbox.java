package outpost.alerts.notify;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import outpost.alerts.db.AlertDatabase;
import outpost.alerts.state.NotificationType;

/**
 * The notification outbox table in {@code alerts.db}: one row per notification, contact and
 * channel, written before delivery and updated as delivery proceeds. Thread-safe through {@link
 * AlertDatabase}'s serialisation; does not own the database.
 */
final class Outbox {
  static final String PENDING = "pending";
  static final String SENT = "sent";
  static final String FAILED = "failed";
  static final String GROUPED = "grouped";
  static final String SUPPRESSED = "suppressed";

  static final List<String> SCHEMA =
      List.of(
          """
          CREATE TABLE IF NOT EXISTS notification_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_ms INTEGER NOT NULL,
            type TEXT NOT NULL,
            check_id INTEGER NOT NULL,
            subject TEXT NOT NULL,
            label TEXT NOT NULL,
            contact TEXT NOT NULL,
            channel TEXT NOT NULL,
            destination TEXT NOT NULL,
            text TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_ms INTEGER,
            error TEXT NOT NULL DEFAULT '',
            sent_at_ms INTEGER,
            provider_id TEXT NOT NULL DEFAULT '',
            group_id INTEGER)""",
          "CREATE INDEX IF NOT EXISTS notification_outbox_state"
              + " ON notification_outbox (state, contact, channel)",
          "CREATE INDEX IF NOT EXISTS notification_outbox_check"
              + " ON notification_outbox (check_id, id)");

  private static final String COLUMNS =
      "id, created_ms, type, check_id, subject, label, contact, channel, destination, text,"
          + " state, attempts, next_attempt_ms, error, sent_at_ms, provider_id";

  /** One row. {@code destination} is the full phone number or URL, never shown unmasked. */
  record Entry(
      long id,
      Instant created,
      NotificationType type,
      long checkId,
      String subject,
      String label,
      String contact,
      String channel,
      String destination,
      String text,
      String state,
      int attempts,
      Instant nextAttempt,
      String error,
      Instant sentAt,
      String providerId) {
    NotificationRecord toRecord() {
      return new NotificationRecord(
          id,
          created,
          type.name(),
          checkId,
          subject,
          contact,
          channel,
          mask(channel, destination),
          text,
          state,
          attempts,
          nextAttempt,
          error,
          sentAt,
          providerId);
    }

    NotificationText.Item item() {
      return new NotificationText.Item(type, label, subject, checkId);
    }
  }

  private final AlertDatabase db;

  Outbox(AlertDatabase db) {
    this.db = Objects.requireNonNull(db, "db");
    db.ensureSchema(SCHEMA);
  }

  /** Inserts {@code rows} (their ids ignored) in one transaction. */
  void insertAll(List<Entry> rows) {
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO notification_outbox (created_ms, type, check_id, subject, label,"
                      + " contact, channel, destination, text, state, attempts, next_attempt_ms,"
                      + " error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
            for (Entry e : rows) {
              ps.setLong(1, e.created().toEpochMilli());
              ps.setString(2, e.type().name());
              ps.setLong(3, e.checkId());
              ps.setString(4, e.subject());
              ps.setString(5, e.label());
              ps.setString(6, e.contact());
              ps.setString(7, e.channel());
              ps.setString(8, e.destination());
              ps.setString(9, e.text());
              ps.setString(10, e.state());
              setInstant(ps, 11, e.nextAttempt());
              ps.setString(12, e.error());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /** Every pending row, oldest first. */
  List<Entry> pending() {
    return query("WHERE state = 'pending' ORDER BY id", ps -> {});
  }

  List<NotificationRecord> recent(int limit) {
    return query("ORDER BY id DESC LIMIT ?", ps -> ps.setInt(1, limit)).stream()
        .map(Entry::toRecord)
        .toList();
  }

  List<NotificationRecord> forCheck(long checkId, int limit) {
    return query(
            "WHERE check_id = ? ORDER BY id DESC LIMIT ?",
            ps -> {
              ps.setLong(1, checkId);
              ps.setInt(2, limit);
            })
        .stream()
        .map(Entry::toRecord)
        .toList();
  }

  /** Contacts that were told (not suppressed) about a PROBLEM of the check since {@code since}. */
  Set<String> toldAboutProblem(long checkId, Instant since) {
    return Set.copyOf(
        query(
                "WHERE check_id = ? AND type = 'PROBLEM' AND state <> 'suppressed'"
                    + " AND created_ms >= ? ORDER BY id",
                ps -> {
                  ps.setLong(1, checkId);
                  ps.setLong(2, since == null ? 0 : since.toEpochMilli());
                })
            .stream()
            .map(Entry::contact)
            .toList());
  }

  /**
   * When messages to this contact and channel were accepted at or after {@code since}, oldest
   * first.
   */
  List<Instant> sentAfter(String contact, String channel, Instant since) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT sent_at_ms FROM notification_outbox WHERE state = 'sent'"
                      + " AND contact = ? AND channel = ? AND sent_at_ms > ? ORDER BY sent_at_ms")) {
            ps.setString(1, contact);
            ps.setString(2, channel);
            ps.setLong(3, since.toEpochMilli());
            List<Instant> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(Instant.ofEpochMilli(rs.getLong(1)));
              }
            }
            return out;
          }
        });
  }

  /**
   * Marks {@code carrier} sent with the text that went out, and {@code others} as grouped into it,
   * in one transaction.
   */
  void markSent(
      Entry carrier,
      List<Entry> others,
      String text,
      String subject,
      String providerId,
      Instant at) {
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE notification_outbox SET state = 'sent', text = ?, subject = ?,"
                      + " provider_id = ?, sent_at_ms = ?, attempts = attempts + 1,"
                      + " next_attempt_ms = NULL WHERE id = ? AND state = 'pending'")) {
            ps.setString(1, text);
            ps.setString(2, subject);
            ps.setString(3, providerId);
            ps.setLong(4, at.toEpochMilli());
            ps.setLong(5, carrier.id());
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE notification_outbox SET state = 'grouped', group_id = ?,"
                      + " provider_id = ?, sent_at_ms = ?, attempts = attempts + 1,"
                      + " next_attempt_ms = NULL WHERE id = ? AND state = 'pending'")) {
            for (Entry e : others) {
              ps.setLong(1, carrier.id());
              ps.setString(2, providerId);
              ps.setLong(3, at.toEpochMilli());
              ps.setLong(4, e.id());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /** Counts an attempt that failed temporarily; the rows stay pending until {@code next}. */
  void markRetry(List<Entry> rows, String error, Instant next) {
    update(rows, "attempts = attempts + 1, error = ?, next_attempt_ms = ?", error, next);
  }

  /** Moves the rows' next attempt to {@code next} without counting an attempt (rate limit). */
  void defer(List<Entry> rows, String error, Instant next) {
    update(rows, "error = ?, next_attempt_ms = ?", error, next);
  }

  /** Marks the rows failed for good. */
  void markFailed(List<Entry> rows, String error) {
    update(
        rows,
        "state = 'failed', attempts = attempts + 1, error = ?, next_attempt_ms = ?",
        error,
        null);
  }

  private void update(List<Entry> rows, String set, String error, Instant next) {
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE notification_outbox SET "
                      + set
                      + " WHERE id = ? AND state = 'pending'")) {
            for (Entry e : rows) {
              ps.setString(1, error);
              setInstant(ps, 2, next);
              ps.setLong(3, e.id());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /**
   * Deletes finished rows (anything but pending) created before {@code before}; returns how many.
   */
  int prune(Instant before) {
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM notification_outbox WHERE state <> 'pending' AND created_ms < ?")) {
            ps.setLong(1, before.toEpochMilli());
            return ps.executeUpdate();
          }
        });
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private List<Entry> query(String where, Binder binder) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT " + COLUMNS + " FROM notification_outbox " + where)) {
            binder.bind(ps);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(entry(rs));
              }
            }
            return out;
          }
        });
  }

  private static Entry entry(ResultSet rs) throws SQLException {
    return new Entry(
        rs.getLong(1),
        Instant.ofEpochMilli(rs.getLong(2)),
        NotificationType.valueOf(rs.getString(3)),
        rs.getLong(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getInt(12),
        instant(rs, 13),
        rs.getString(14),
        instant(rs, 15),
        rs.getString(16));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long ms = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
  }

  private static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
    if (at == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setLong(index, at.toEpochMilli());
    }
  }

  /** {@code +4479****1234} for phones, the host for webhooks. */
  static String mask(String channel, String destination) {
    if (channel.equals(OutboxNotifier.WEBHOOK)) {
      try {
        String host = URI.create(destination).getHost();
        return host == null ? "?" : host;
      } catch (IllegalArgumentException e) {
        return "?";
      }
    }
    int n = destination.length();
    if (n <= 6) {
      return "*".repeat(n);
    }
    int keepStart = Math.max(1, Math.min(5, n - 8));
    return destination.substring(0, keepStart) + "****" + destination.substring(n - 4);
  }
}
