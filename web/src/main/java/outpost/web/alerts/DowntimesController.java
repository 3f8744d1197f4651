package outpost.web.alerts;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import outpost.alerts.AlertService;
import outpost.alerts.DowntimeRequest;
import outpost.alerts.state.Downtime;
import outpost.web.alerts.AlertJson.DowntimeJson;
import outpost.web.http.JsonBody;

/**
 * {@code GET/POST /api/downtimes} and {@code DELETE /api/downtimes/{id}}: scheduled downtime of a
 * host (every check of it) or one service, fixed or flexible. Translation only. Thread-safe.
 */
public final class DowntimesController {
  /** The longest downtime window one request may schedule. */
  static final Duration MAX_WINDOW = Duration.ofDays(366);

  private final AlertService alerts;
  private final InstantSource clock;

  public DowntimesController(AlertService alerts, InstantSource clock) {
    this.alerts = alerts;
    this.clock = clock;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** {@code {"downtimes":[...]}}, soonest end first. */
  public void list(Context ctx) {
    Instant now = now();
    ctx.json(
        new AlertJson.DowntimesResponse(
            alerts.downtimes().stream().map(d -> DowntimeJson.of(d, now)).toList()));
  }

  /**
   * Body {@code {"host","service","start","end","fixed","duration_seconds","comment"}} -> 201 with
   * the downtime. {@code start} defaults to now; {@code end} to start plus the duration; {@code
   * fixed} to true; a flexible one needs {@code duration_seconds}.
   */
  public void create(Context ctx) {
    DowntimeBody body = JsonBody.read(ctx, DowntimeBody.class);
    if (body.host() == null || body.host().isBlank()) {
      throw Requests.invalid("host", body.host(), "is required");
    }
    String host = Requests.limited("host", body.host().strip(), ChecksController.MAX_NAME_CHARS);
    String service = Requests.limited("service", body.service(), ChecksController.MAX_NAME_CHARS);
    String comment =
        Requests.limited("comment", body.comment(), ChecksController.MAX_COMMENT_CHARS);
    Instant now = now();
    Instant start = Requests.instant("start", body.start());
    start = start == null ? now : start;
    Duration duration = duration(body.durationSeconds());
    boolean fixed = body.fixed() == null || body.fixed();
    Instant end = Requests.instant("end", body.end());
    if (end == null && duration == null) {
      throw Requests.invalid("end", null, "is required unless duration_seconds is given");
    }
    if (!fixed && duration == null) {
      throw Requests.invalid("duration_seconds", null, "is required for a flexible downtime");
    }
    end = end == null ? start.plus(duration) : end;
    if (!end.isAfter(start)) {
      throw Requests.invalid("end", body.end(), "must be after start " + AlertJson.time(start));
    }
    if (!end.isAfter(now)) {
      throw Requests.invalid("end", body.end(), "is in the past");
    }
    if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
      throw Requests.invalid("end", body.end(), "window exceeds limit of 366 days");
    }
    Downtime downtime;
    try {
      downtime =
          alerts.scheduleDowntime(
              new DowntimeRequest(
                  host,
                  service == null ? "" : service.strip(),
                  start,
                  end,
                  fixed,
                  fixed ? null : duration,
                  Requests.user(ctx),
                  comment));
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(e.getMessage());
    }
    ctx.status(HttpStatus.CREATED).json(DowntimeJson.of(downtime, now()));
  }

  private static Duration duration(Long seconds) {
    if (seconds == null) {
      return null;
    }
    if (seconds < 1 || seconds > MAX_WINDOW.toSeconds()) {
      throw Requests.invalid(
          "duration_seconds", seconds, "must be between 1 and " + MAX_WINDOW.toSeconds());
    }
    return Duration.ofSeconds(seconds);
  }

  /** 204; 404 when there is no such downtime. */
  public void cancel(Context ctx) {
    long id = Requests.id(ctx, "id", "downtime");
    if (!alerts.cancelDowntime(id, Requests.user(ctx))) {
      throw new NotFoundResponse("no downtime with id " + id);
    }
    ctx.status(HttpStatus.NO_CONTENT);
  }

  /** Body of {@code POST /api/downtimes}. */
  public record DowntimeBody(
      String host,
      String service,
      String start,
      String end,
      Boolean fixed,
      @com.fasterxml.jackson.annotation.JsonProperty("duration_seconds") Long durationSeconds,
      String comment) {}
}
