package outpost.alerts.state;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one check is scheduled and when it notifies, with Nagios's names and defaults.
 *
 * @param maxCheckAttempts results in a problem state before it becomes HARD (default 3)
 * @param checkInterval between checks while OK or in a HARD state (default 1 min)
 * @param retryInterval between checks while in a SOFT problem state (default 30 s)
 * @param notificationInterval between re-notifications of an unacknowledged HARD problem; zero
 *     notifies once (default 30 min)
 * @param firstNotificationDelay how long a HARD problem must last before its first notification
 *     (default 0)
 * @param escalations time after the first problem notification, without an acknowledgement, at
 *     which escalation level 1, 2, ... is notified (each entry a level; ascending; may be empty)
 * @param flapDetection whether flapping is detected (default true)
 * @param flapLowThreshold percent state change below which flapping stops (default 20)
 * @param flapHighThreshold percent state change above which flapping starts (default 30)
 */
public record CheckPolicy(
    int maxCheckAttempts,
    Duration checkInterval,
    Duration retryInterval,
    Duration notificationInterval,
    Duration firstNotificationDelay,
    List<Duration> escalations,
    boolean flapDetection,
    double flapLowThreshold,
    double flapHighThreshold) {

  public static final CheckPolicy DEFAULTS =
      new CheckPolicy(
          3,
          Duration.ofMinutes(1),
          Duration.ofSeconds(30),
          Duration.ofMinutes(30),
          Duration.ZERO,
          List.of(),
          true,
          20,
          30);

  public CheckPolicy {
    if (maxCheckAttempts < 1) {
      throw new IllegalArgumentException("max_check_attempts " + maxCheckAttempts + " below 1");
    }
    positive("check_interval", checkInterval);
    positive("retry_interval", retryInterval);
    notNegative("notification_interval", notificationInterval);
    notNegative("first_notification_delay", firstNotificationDelay);
    escalations = List.copyOf(escalations);
    for (int i = 0; i < escalations.size(); i++) {
      notNegative("escalation " + (i + 1), escalations.get(i));
      if (i > 0 && escalations.get(i).compareTo(escalations.get(i - 1)) < 0) {
        throw new IllegalArgumentException(
            "escalation "
                + (i + 1)
                + " at "
                + escalations.get(i)
                + " comes before escalation "
                + i
                + " at "
                + escalations.get(i - 1)
                + "; escalations must be ascending");
      }
    }
    if (!(0 <= flapLowThreshold
        && flapLowThreshold <= flapHighThreshold
        && flapHighThreshold <= 100)) {
      throw new IllegalArgumentException(
          "flap thresholds low "
              + flapLowThreshold
              + " high "
              + flapHighThreshold
              + " must satisfy 0 <= low <= high <= 100");
    }
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " " + d + " must be positive");
    }
  }

  private static void notNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " " + d + " must not be negative");
    }
  }
}
