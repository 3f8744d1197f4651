package outpost.alerts.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import outpost.alerts.check.PerfValue;
import outpost.alerts.check.Status;

/**
 * A mutable working copy of a {@link CheckState} for one step of the {@link StateMachine}, plus the
 * notifications and history lines the step produces. Lives for one method call; not thread-safe and
 * never shared.
 */
final class StateDraft {
  final long id;
  final CheckKey key;
  final Instant now;
  Status status;
  StateType type;
  int attempt;
  HostStatus hostStatus;
  String output;
  List<PerfValue> perfData;
  Instant lastCheck;
  Instant nextCheck;
  Instant lastStateChange;
  Instant lastHardStateChange;
  Status lastHardStatus;
  Instant problemSince;
  List<Status> recentStates;
  boolean flapping;
  double percentStateChange;
  Acknowledgement acknowledgement;
  boolean inDowntime;
  boolean problemNotified;
  boolean pendingNotification;
  Instant lastNotification;
  int notificationNumber;
  int escalationLevel;
  Instant firstNotification;

  private final List<NotificationEvent> notifications = new ArrayList<>();
  private final List<HistoryEvent> history = new ArrayList<>();

  StateDraft(CheckState s, Instant now) {
    this.id = s.id();
    this.key = s.key();
    this.now = now;
    status = s.status();
    type = s.type();
    attempt = s.attempt();
    hostStatus = s.hostStatus();
    output = s.output();
    perfData = s.perfData();
    lastCheck = s.lastCheck();
    nextCheck = s.nextCheck();
    lastStateChange = s.lastStateChange();
    lastHardStateChange = s.lastHardStateChange();
    lastHardStatus = s.lastHardStatus();
    problemSince = s.problemSince();
    recentStates = s.recentStates();
    flapping = s.flapping();
    percentStateChange = s.percentStateChange();
    acknowledgement = s.acknowledgement();
    inDowntime = s.inDowntime();
    problemNotified = s.problemNotified();
    pendingNotification = s.pendingNotification();
    lastNotification = s.lastNotification();
    notificationNumber = s.notificationNumber();
    escalationLevel = s.escalationLevel();
    firstNotification = s.firstNotification();
  }

  /** Whether the check is in a problem state (for hosts: DOWN or UNREACHABLE). */
  boolean problem() {
    return status.problem();
  }

  /** Records a history line with the current status, type and attempt. */
  void history(String kind, String detail) {
    history.add(new HistoryEvent(id, now, kind, status, type, attempt, detail));
  }

  /**
   * Emits a notification about the current state and records it in the history as a {@code
   * NOTIFICATION} line.
   */
  void notify(NotificationType kind, int number, String author, String comment) {
    notifications.add(
        new NotificationEvent(
            kind,
            id,
            key,
            status,
            hostStatus,
            output,
            problemSince,
            now,
            number,
            escalationLevel,
            author,
            comment));
    String detail = kind + (number > 0 ? " #" + number : "") + " level " + escalationLevel;
    history("NOTIFICATION", author.isEmpty() ? detail : detail + " by " + author);
  }

  /** Forgets the notification bookkeeping of a problem that is over or replaced by a new one. */
  void resetProblemNotifications() {
    problemNotified = false;
    pendingNotification = false;
    lastNotification = null;
    firstNotification = null;
    notificationNumber = 0;
    escalationLevel = 0;
  }

  /** Removes the acknowledgement, if any, with an {@code ACKREMOVED} history line. */
  void removeAcknowledgement(String why) {
    if (acknowledgement != null) {
      acknowledgement = null;
      history("ACKREMOVED", why);
    }
  }

  CheckState state() {
    return new CheckState(
        id,
        key,
        status,
        type,
        attempt,
        hostStatus,
        output,
        perfData,
        lastCheck,
        nextCheck,
        lastStateChange,
        lastHardStateChange,
        lastHardStatus,
        problemSince,
        recentStates,
        flapping,
        percentStateChange,
        acknowledgement,
        inDowntime,
        problemNotified,
        pendingNotification,
        lastNotification,
        notificationNumber,
        escalationLevel,
        firstNotification);
  }

  Transition transition() {
    return new Transition(state(), notifications, history);
  }
}
