package outpost.alerts;

import java.util.List;
import outpost.alerts.notify.NotificationRecord;
import outpost.alerts.state.Downtime;
import outpost.alerts.state.HistoryEvent;

/**
 * One check with what the detail page shows.
 *
 * @param check the check now
 * @param history newest first, at most 500 lines
 * @param perf performance samples, oldest first, at most the last 24 h / 1,440 samples
 * @param notifications newest first, at most 100
 * @param downtimes downtimes covering it, scheduled or in effect
 * @param definition the check's parameters as configured (secrets removed), for display
 */
public record CheckDetail(
    CheckView check,
    List<HistoryEvent> history,
    List<PerfSample> perf,
    List<NotificationRecord> notifications,
    List<Downtime> downtimes,
    java.util.Map<String, String> definition) {
  public CheckDetail {
    history = List.copyOf(history);
    perf = List.copyOf(perf);
    notifications = List.copyOf(notifications);
    downtimes = List.copyOf(downtimes);
    definition = java.util.Map.copyOf(definition);
  }
}
