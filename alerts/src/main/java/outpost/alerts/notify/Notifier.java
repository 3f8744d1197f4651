package outpost.alerts.notify;

import java.util.List;
import outpost.alerts.state.NotificationEvent;

/**
 * Takes the state machine's notification decisions, routes them to contacts (time periods,
 * escalation levels), writes them to the durable outbox and delivers them (SMS, webhook) with
 * grouping, rate limits and retries. Thread-safe; whoever builds it closes it.
 */
public interface Notifier extends AutoCloseable {
  /** Durably records the event for delivery before returning; delivery happens later. */
  void submit(NotificationEvent event);

  /** The newest outbox entries, newest first, at most {@code limit}. */
  List<NotificationRecord> recent(int limit);

  /** The newest outbox entries about one check, newest first. */
  List<NotificationRecord> forCheck(long checkId, int limit);

  /** Notifications that failed permanently since start (for the {@code self} check). */
  long permanentFailures();

  @Override
  void close();
}
