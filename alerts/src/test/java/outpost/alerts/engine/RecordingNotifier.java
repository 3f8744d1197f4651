package outpost.alerts.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import outpost.alerts.notify.NotificationRecord;
import outpost.alerts.notify.Notifier;
import outpost.alerts.state.NotificationEvent;
import outpost.alerts.state.NotificationType;

/** Keeps what the engine submits, across engine restarts when shared. Thread-safe. */
final class RecordingNotifier implements Notifier {
  final List<NotificationEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void submit(NotificationEvent event) {
    events.add(event);
  }

  List<NotificationEvent> of(NotificationType type) {
    return events.stream().filter(e -> e.type() == type).toList();
  }

  @Override
  public List<NotificationRecord> recent(int limit) {
    return List.of();
  }

  @Override
  public List<NotificationRecord> forCheck(long checkId, int limit) {
    return List.of();
  }

  @Override
  public long permanentFailures() {
    return 0;
  }

  @Override
  public void close() {}
}
