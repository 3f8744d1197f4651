package outpost.web.alerts;

import io.javalin.config.RoutesConfig;
import java.net.URI;
import java.time.InstantSource;
import outpost.alerts.AlertService;
import outpost.web.http.Access;

/**
 * The checks API of web/API.md (Checks and alerts): the board, check details, acknowledgements,
 * downtime, re-checks, passive results, the notification log and Twilio's inbound-SMS webhook,
 * which alone needs no login. Registered by {@code WebServer}. Thread-safe.
 */
public final class AlertRoutes {
  private final ChecksController checks;
  private final DowntimesController downtimes;
  private final NotificationsController notifications;
  private final TwilioWebhookController twilio;

  /**
   * @param publicUrl Outpost's public URL for the webhook signature, or null (see {@link
   *     TwilioWebhookController})
   */
  public AlertRoutes(AlertService alerts, URI publicUrl, InstantSource clock) {
    this.checks = new ChecksController(alerts, clock);
    this.downtimes = new DowntimesController(alerts, clock);
    this.notifications = new NotificationsController(alerts);
    this.twilio = new TwilioWebhookController(alerts, publicUrl);
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/checks", checks::list, Access.USER);
    routes.post("/api/checks/passive", checks::passive, Access.USER);
    routes.get("/api/checks/{id}", checks::detail, Access.USER);
    routes.post("/api/checks/{id}/ack", checks::acknowledge, Access.USER);
    routes.delete("/api/checks/{id}/ack", checks::removeAcknowledgement, Access.USER);
    routes.post("/api/checks/{id}/recheck", checks::recheck, Access.USER);
    routes.get("/api/downtimes", downtimes::list, Access.USER);
    routes.post("/api/downtimes", downtimes::create, Access.USER);
    routes.delete("/api/downtimes/{id}", downtimes::cancel, Access.USER);
    routes.get("/api/notifications", notifications::list, Access.USER);
    // Twilio can send neither a login nor a CSRF token: the request signature is the check
    routes.post(TwilioWebhookController.PATH, twilio::inbound, Access.ANYONE);
  }
}
