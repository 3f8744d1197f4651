package outpost.alerts.state;

import java.util.List;
import java.util.Objects;

/**
 * The result of one state-machine step: the new state (whose {@code nextCheck} says when to run
 * next), the notifications to hand to the notifier, and the history lines to record.
 */
public record Transition(
    CheckState state, List<NotificationEvent> notifications, List<HistoryEvent> history) {
  public Transition {
    Objects.requireNonNull(state, "state");
    notifications = List.copyOf(notifications);
    history = List.copyOf(history);
  }
}
