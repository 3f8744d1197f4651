package outpost.alerts.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import outpost.alerts.check.CheckResult;
import outpost.alerts.check.Status;

/**
 * Drives a {@link StateMachine} for one check through results and ticks on a manual clock, and
 * keeps every notification and history line, so tests read like the sequence they describe.
 */
final class Sim {
  static final Instant T0 = Instant.parse("2026-03-01T14:00:00Z");

  final StateMachine machine = new StateMachine();
  CheckPolicy policy;
  CheckState state;
  Instant now = T0;
  boolean hostProblem;
  boolean parentDown;
  boolean inDowntime;
  final List<NotificationEvent> notifications = new ArrayList<>();
  final List<HistoryEvent> history = new ArrayList<>();

  Sim(CheckKey key, CheckPolicy policy) {
    this.policy = policy;
    this.state = machine.initial(17, key, T0);
  }

  static Sim service(CheckPolicy policy) {
    return new Sim(new CheckKey("web-2", "http"), policy);
  }

  static Sim service() {
    return service(CheckPolicy.DEFAULTS);
  }

  static CheckPolicy policy(
      int attempts, Duration interval, Duration delay, List<Duration> escalations) {
    return new CheckPolicy(
        attempts,
        Duration.ofMinutes(1),
        Duration.ofSeconds(30),
        interval,
        delay,
        escalations,
        true,
        20,
        30);
  }

  StateContext context() {
    return new StateContext(now, hostProblem, parentDown, inDowntime);
  }

  Sim advance(Duration d) {
    now = now.plus(d);
    return this;
  }

  /** Applies a result now and returns the notifications it produced. */
  List<NotificationEvent> result(Status status) {
    CheckResult r =
        new CheckResult(status, status + " output", "", List.of(), now, Duration.ofMillis(5));
    return apply(machine.onResult(state, r, policy, context()));
  }

  /** Applies results one check interval (or retry interval) apart, as the scheduler would. */
  List<NotificationEvent> results(Status... statuses) {
    List<NotificationEvent> out = new ArrayList<>();
    for (Status s : statuses) {
      if (state.lastCheck() != null) {
        now = state.nextCheck();
      }
      out.addAll(result(s));
    }
    return out;
  }

  List<NotificationEvent> tick() {
    return apply(machine.onTick(state, policy, context()));
  }

  /** Ticks every {@code step} until {@code total} has passed; returns all notifications. */
  List<NotificationEvent> tickFor(Duration total, Duration step) {
    List<NotificationEvent> out = new ArrayList<>();
    Instant end = now.plus(total);
    while (now.isBefore(end)) {
      now = now.plus(step);
      out.addAll(tick());
    }
    return out;
  }

  List<NotificationEvent> ack(boolean sticky, Instant expires) {
    Acknowledgement a = new Acknowledgement("alice", "on it", sticky, now, expires);
    return apply(machine.acknowledge(state, a, context()));
  }

  List<NotificationEvent> apply(Transition t) {
    state = t.state();
    notifications.addAll(t.notifications());
    history.addAll(t.history());
    return t.notifications();
  }

  static List<NotificationType> types(List<NotificationEvent> events) {
    return events.stream().map(NotificationEvent::type).toList();
  }

  List<String> historyKinds() {
    return history.stream().map(HistoryEvent::kind).toList();
  }
}
