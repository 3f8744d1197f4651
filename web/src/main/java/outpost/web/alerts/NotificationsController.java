package outpost.web.alerts;

import io.javalin.http.Context;
import outpost.alerts.AlertService;
import outpost.web.alerts.AlertJson.NotificationJson;

/** {@code GET /api/notifications?limit=}: the newest outbox entries, newest first. Thread-safe. */
public final class NotificationsController {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final AlertService alerts;

  public NotificationsController(AlertService alerts) {
    this.alerts = alerts;
  }

  /** {@code {"notifications":[...]}}; {@code limit} 1..1000, default 100. */
  public void list(Context ctx) {
    int limit =
        ctx.queryParamAsClass("limit", Integer.class)
            .check(n -> n == null || n >= 1 && n <= MAX_LIMIT, "must be between 1 and " + MAX_LIMIT)
            .getOrDefault(DEFAULT_LIMIT);
    ctx.json(
        new AlertJson.NotificationsResponse(
            alerts.notifications(limit).stream().map(NotificationJson::of).toList()));
  }
}
