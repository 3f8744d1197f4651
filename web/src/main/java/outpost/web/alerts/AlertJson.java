package outpost.web.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import outpost.alerts.AlertSummary;
import outpost.alerts.AlertsElsewhereException;
import outpost.alerts.CheckDetail;
import outpost.alerts.CheckView;
import outpost.alerts.PerfSample;
import outpost.alerts.check.PerfValue;
import outpost.alerts.notify.NotificationRecord;
import outpost.alerts.state.Acknowledgement;
import outpost.alerts.state.Downtime;
import outpost.alerts.state.HistoryEvent;

/**
 * The JSON shapes of the checks API (web/API.md, Checks), apart from the alerts' domain records:
 * ids are strings, instants ISO-8601 UTC with milliseconds, statuses lower-case names ({@code
 * pending} before a check's first result). Stateless.
 */
public final class AlertJson {
  private static final DateTimeFormatter MILLIS =
      new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  private AlertJson() {}

  /** ISO-8601 UTC with milliseconds, or null. */
  static String time(Instant instant) {
    return instant == null ? null : MILLIS.format(instant);
  }

  /** {@code ok}, {@code warning}, {@code critical}, {@code unknown}, or {@code pending}. */
  static String status(CheckView check) {
    return check.lastCheck() == null ? "pending" : lower(check.status());
  }

  static String lower(Enum<?> value) {
    return value == null ? null : value.name().toLowerCase(Locale.ROOT);
  }

  /** One check as the board and the detail page show it. */
  public record CheckJson(
      String id,
      String host,
      String service,
      String kind,
      String status,
      @JsonProperty("host_status") String hostStatus,
      @JsonProperty("state_type") String stateType,
      int attempt,
      @JsonProperty("max_attempts") int maxAttempts,
      String output,
      List<PerfJson> perf,
      @JsonProperty("last_check") String lastCheck,
      @JsonProperty("next_check") String nextCheck,
      @JsonProperty("last_state_change") String lastStateChange,
      @JsonProperty("seconds_in_state") Long secondsInState,
      boolean flapping,
      AckJson acknowledgement,
      @JsonProperty("in_downtime") boolean inDowntime,
      @JsonProperty("notifications_suppressed") String notificationsSuppressed) {
    public CheckJson {
      perf = List.copyOf(perf);
    }

    static CheckJson of(CheckView c, Instant now) {
      Long inState =
          c.lastStateChange() == null
              ? null
              : Math.max(0, Duration.between(c.lastStateChange(), now).toSeconds());
      return new CheckJson(
          Long.toString(c.id()),
          c.host(),
          c.service(),
          c.kind(),
          AlertJson.status(c),
          lower(c.hostStatus()),
          lower(c.stateType()),
          c.attempt(),
          c.maxAttempts(),
          c.output(),
          c.perfData().stream().map(PerfJson::of).toList(),
          time(c.lastCheck()),
          time(c.nextCheck()),
          time(c.lastStateChange()),
          inState,
          c.flapping(),
          AckJson.of(c.acknowledgement()),
          c.inDowntime(),
          c.notificationsSuppressed() == null ? "" : c.notificationsSuppressed());
    }
  }

  /** One performance-data value; {@code value} is null when the plugin printed {@code U}. */
  public record PerfJson(
      String label,
      Double value,
      String unit,
      String warning,
      String critical,
      Double min,
      Double max) {
    static PerfJson of(PerfValue p) {
      return new PerfJson(
          p.label(),
          Double.isFinite(p.value()) ? p.value() : null,
          p.unit(),
          p.warning(),
          p.critical(),
          finite(p.min()),
          finite(p.max()));
    }

    private static Double finite(Double d) {
      return d == null || !Double.isFinite(d) ? null : d;
    }
  }

  /** An acknowledgement; {@code expires} null for none. */
  public record AckJson(String author, String comment, boolean sticky, String at, String expires) {
    static AckJson of(Acknowledgement a) {
      return a == null
          ? null
          : new AckJson(a.author(), a.comment(), a.sticky(), time(a.at()), time(a.expires()));
    }
  }

  /** One line of a check's history. */
  public record HistoryJson(
      String at, String kind, String status, String type, int attempt, String detail) {
    static HistoryJson of(HistoryEvent e) {
      return new HistoryJson(
          time(e.at()), e.kind(), lower(e.status()), lower(e.type()), e.attempt(), e.detail());
    }
  }

  /** The performance data of one result. */
  public record PerfSampleJson(String at, List<PerfJson> values) {
    public PerfSampleJson {
      values = List.copyOf(values);
    }

    static PerfSampleJson of(PerfSample s) {
      return new PerfSampleJson(time(s.at()), s.values().stream().map(PerfJson::of).toList());
    }
  }

  /** One outbox entry. */
  public record NotificationJson(
      String id,
      String created,
      String type,
      @JsonProperty("check_id") String checkId,
      String subject,
      String contact,
      String channel,
      String destination,
      String text,
      String state,
      int attempts,
      @JsonProperty("next_attempt") String nextAttempt,
      String error,
      @JsonProperty("sent_at") String sentAt,
      @JsonProperty("provider_id") String providerId) {
    static NotificationJson of(NotificationRecord n) {
      return new NotificationJson(
          Long.toString(n.id()),
          time(n.created()),
          n.type(),
          Long.toString(n.checkId()),
          n.subject(),
          n.contact(),
          n.channel(),
          n.destination(),
          n.text(),
          n.state(),
          n.attempts(),
          time(n.nextAttempt()),
          n.error(),
          time(n.sentAt()),
          n.providerId());
    }
  }

  /**
   * A downtime; {@code active} when it silences notifications now (fixed: between start and end;
   * flexible: triggered and within its duration).
   */
  public record DowntimeJson(
      String id,
      String host,
      String service,
      String start,
      String end,
      boolean fixed,
      @JsonProperty("duration_seconds") long durationSeconds,
      String author,
      String comment,
      @JsonProperty("triggered_at") String triggeredAt,
      boolean active) {
    static DowntimeJson of(Downtime d, Instant now) {
      return new DowntimeJson(
          Long.toString(d.id()),
          d.host(),
          d.service(),
          time(d.start()),
          time(d.end()),
          d.fixed(),
          d.duration().toSeconds(),
          d.author(),
          d.comment(),
          time(d.triggeredAt()),
          active(d, now));
    }

    static boolean active(Downtime d, Instant now) {
      if (d.fixed()) {
        return !now.isBefore(d.start()) && now.isBefore(d.end());
      }
      return d.triggeredAt() != null && now.isBefore(d.triggeredAt().plus(d.duration()));
    }
  }

  /** The board: checks worst first, and counts by status over all checks (not only the shown). */
  public record ChecksResponse(String now, Counts counts, List<CheckJson> checks) {
    public ChecksResponse {
      checks = List.copyOf(checks);
    }
  }

  /** Checks by status. */
  public record Counts(
      int ok,
      int warning,
      int critical,
      int unknown,
      int pending,
      int acknowledged,
      @JsonProperty("in_downtime") int inDowntime,
      int flapping) {}

  /** {@code GET /api/checks/{id}}. */
  public record CheckDetailJson(
      String now,
      CheckJson check,
      List<HistoryJson> history,
      List<PerfSampleJson> perf,
      List<NotificationJson> notifications,
      List<DowntimeJson> downtimes,
      Map<String, String> definition) {
    public CheckDetailJson {
      history = List.copyOf(history);
      perf = List.copyOf(perf);
      notifications = List.copyOf(notifications);
      downtimes = List.copyOf(downtimes);
      definition = java.util.Collections.unmodifiableMap(new TreeMap<>(definition));
    }

    static CheckDetailJson of(CheckDetail d, Instant now) {
      return new CheckDetailJson(
          time(now),
          CheckJson.of(d.check(), now),
          d.history().stream().map(HistoryJson::of).toList(),
          d.perf().stream().map(PerfSampleJson::of).toList(),
          d.notifications().stream().map(NotificationJson::of).toList(),
          d.downtimes().stream().map(x -> DowntimeJson.of(x, now)).toList(),
          d.definition());
    }
  }

  /** The overview's checks block: counts and the unhandled problems, worst first. */
  public record SummaryJson(
      int ok,
      int warning,
      int critical,
      int unknown,
      int pending,
      int acknowledged,
      @JsonProperty("in_downtime") int inDowntime,
      int flapping,
      List<CheckJson> problems) {
    public SummaryJson {
      problems = List.copyOf(problems);
    }

    /** The overview's {@code checks} object. */
    public static SummaryJson of(AlertSummary s, Instant now) {
      return new SummaryJson(
          s.ok(),
          s.warning(),
          s.critical(),
          s.unknown(),
          s.pending(),
          s.acknowledged(),
          s.inDowntime(),
          s.flapping(),
          s.problems().stream().map(c -> CheckJson.of(c, now)).toList());
    }
  }

  /**
   * The overview's {@code checks} object on a node that does not run the alerts, and the body of
   * the checks API's 409 there: {@code error} {@value #ELSEWHERE}, the node's URL in {@code
   * alerts_url}.
   */
  public record ElsewhereJson(
      String error, String message, @JsonProperty("alerts_url") String alertsUrl) {
    public static final String ELSEWHERE = "alerts_elsewhere";

    public static ElsewhereJson of(AlertsElsewhereException e) {
      return new ElsewhereJson(ELSEWHERE, e.getMessage(), e.node().toString());
    }
  }

  /** {@code GET /api/notifications}. */
  public record NotificationsResponse(List<NotificationJson> notifications) {
    public NotificationsResponse {
      notifications = List.copyOf(notifications);
    }
  }

  /** {@code GET /api/downtimes}. */
  public record DowntimesResponse(List<DowntimeJson> downtimes) {
    public DowntimesResponse {
      downtimes = List.copyOf(downtimes);
    }
  }
}
