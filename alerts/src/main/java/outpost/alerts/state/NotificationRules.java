package outpost.alerts.state;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When PROBLEM and RECOVERY notifications go out, after the Nagios Core 4 documentation sections
 * "Notifications" (the service and host filters: downtime, flapping, the host of a service being
 * DOWN or UNREACHABLE, acknowledgement, notification interval, first notification delay),
 * "Notification Escalations" (here counted in time since the first notification rather than in
 * notification numbers, so "nobody acknowledged within N minutes" escalates) and "Scheduled
 * Downtime". Stateless and thread-safe.
 *
 * <p>A notification is <em>owed</em> ({@link CheckState#pendingNotification()}) from a hard state
 * change: into a problem (PROBLEM), between problem states while HARD (PROBLEM, sent at once
 * whatever the notification interval), or to OK after a notified problem (RECOVERY). It goes out at
 * the first step where nothing holds it back:
 *
 * <ul>
 *   <li>downtime covers the check, the check is flapping, or (services) its host is HARD DOWN or
 *       UNREACHABLE: any PROBLEM or RECOVERY waits;
 *   <li>a PROBLEM also waits while the problem is acknowledged, and the first PROBLEM of a problem
 *       until {@code first_notification_delay} has passed since the problem became HARD.
 * </ul>
 *
 * <p>Nagios drops a RECOVERY that falls into downtime or flapping; Outpost keeps it owed and sends
 * it once the reason ends (Nagios 4 does the same after flapping stops), so whoever got the PROBLEM
 * also hears it is over. A new problem replaces an owed RECOVERY. Without a notified PROBLEM a
 * recovery notifies nobody, and SOFT states never notify.
 *
 * <p>While a notified problem stays HARD and unacknowledged, it is notified again every {@code
 * notification_interval} after the last PROBLEM notification (never again when the interval is
 * zero), and at once when an escalation time ({@link CheckPolicy#escalations()}, counted from the
 * first PROBLEM notification) passes, at the new escalation level. Escalation levels are kept until
 * the problem ends, so the RECOVERY reaches the escalated contacts as well.
 */
final class NotificationRules {
  private NotificationRules() {}

  /** Whether downtime, flapping or a host problem holds every notification of the check back. */
  static boolean suppressed(StateDraft d, StateContext ctx) {
    return ctx.inDowntime() || d.flapping || (!d.key.hostCheck() && ctx.hostProblem());
  }

  /**
   * Updates what is owed after a result: a hard change into or between problem states owes a
   * PROBLEM; a hard recovery owes a RECOVERY only if the problem was notified.
   */
  static void afterResult(StateDraft d, SoftHardRules.Change change) {
    if (change.newProblem()) {
      d.resetProblemNotifications();
      d.pendingNotification = true;
    } else if (change.hardChange() && d.problem()) {
      d.pendingNotification = true;
    } else if (change.recovery()) {
      if (d.problemNotified) {
        d.pendingNotification = true;
      } else {
        d.resetProblemNotifications();
      }
    }
  }

  /** Sends whatever is owed or due now and not held back. */
  static void release(StateDraft d, CheckPolicy policy, StateContext ctx) {
    if (suppressed(d, ctx)) {
      return;
    }
    if (!d.problem()) {
      if (d.pendingNotification && d.problemNotified) {
        d.notify(NotificationType.RECOVERY, 0, "", "");
        d.resetProblemNotifications();
      }
      return;
    }
    if (d.type != StateType.HARD || d.acknowledgement != null) {
      return;
    }
    boolean first = d.pendingNotification && !d.problemNotified;
    Instant since = d.problemSince != null ? d.problemSince : d.now;
    if (first && d.now.isBefore(since.plus(policy.firstNotificationDelay()))) {
      return;
    }
    // a first notification counts as sent now, so an escalation at zero minutes applies to it
    Instant firstAt = d.firstNotification != null ? d.firstNotification : d.now;
    int dueLevel = dueEscalationLevel(firstAt, d.now, policy.escalations());
    boolean escalate = dueLevel > d.escalationLevel;
    Duration interval = policy.notificationInterval();
    boolean renotify =
        d.problemNotified
            && !interval.isZero()
            && d.lastNotification != null
            && !d.now.isBefore(d.lastNotification.plus(interval));
    if (d.pendingNotification || escalate || renotify) {
      d.escalationLevel = Math.max(d.escalationLevel, dueLevel);
      d.notificationNumber++;
      d.problemNotified = true;
      d.pendingNotification = false;
      d.lastNotification = d.now;
      if (d.firstNotification == null) {
        d.firstNotification = d.now;
      }
      d.notify(NotificationType.PROBLEM, d.notificationNumber, "", "");
    }
  }

  /** The highest escalation level whose time since the first notification has passed. */
  static int dueEscalationLevel(Instant first, Instant now, List<Duration> escalations) {
    int level = 0;
    for (int i = 0; i < escalations.size(); i++) {
      if (!now.isBefore(first.plus(escalations.get(i)))) {
        level = i + 1;
      }
    }
    return level;
  }
}
