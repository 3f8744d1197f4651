package outpost.alerts.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The notifier's meters, bound in one place: {@value #NOTIFICATIONS} counts outbox rows by {@code
 * channel} (sms, webhook) and {@code outcome} (queued, suppressed, sent, grouped, retried, failed).
 * Thread-safe.
 */
public final class NotificationMeters {
  public static final String NOTIFICATIONS = "outpost.alerts.notifications";

  private final MeterRegistry registry;

  NotificationMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void count(String channel, String outcome, int n) {
    if (n > 0) {
      Counter.builder(NOTIFICATIONS)
          .description("notifications by channel and outcome")
          .baseUnit("notifications")
          .tag("channel", channel)
          .tag("outcome", outcome)
          .register(registry)
          .increment(n);
    }
  }
}
