package outpost.alerts.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.alerts.check.CheckResult;
import outpost.alerts.check.PerfValue;
import outpost.alerts.check.Status;
import outpost.alerts.db.AlertDatabase;
import outpost.alerts.notify.Notifier;
import outpost.alerts.state.Acknowledgement;
import outpost.alerts.state.CheckKey;
import outpost.alerts.state.CheckState;
import outpost.alerts.state.Downtime;
import outpost.alerts.state.Downtimes;
import outpost.alerts.state.HistoryEvent;
import outpost.alerts.state.HostStatus;
import outpost.alerts.state.NotificationEvent;
import outpost.alerts.state.StateContext;
import outpost.alerts.state.StateMachine;
import outpost.alerts.state.StateType;
import outpost.alerts.state.Transition;

/**
 * Applies the state machine to one check at a time: computes the context (host problem, parent
 * down, downtime), persists the new state with its history, perfdata, triggered downtimes and the
 * passive result in one transaction, and only then hands the notifications to the notifier. Each
 * step runs under the check's lock, so results, ticks and acknowledgements of one check never
 * interleave. Thread-safe.
 */
final class StateUpdater {
  private static final Logger LOG = LoggerFactory.getLogger(StateUpdater.class);

  private final StateMachine machine = new StateMachine();
  private final AlertDatabase db;
  private final CheckRegistry registry;
  private final DowntimeStore downtimes;
  private final Map<String, List<String>> parents;
  private final Notifier notifier;
  private final Map<Long, CheckState> writeBehind = new ConcurrentHashMap<>();
  private final Queue<PerfRow> perfBehind = new ConcurrentLinkedQueue<>();

  /** Perf samples held back before a flush is forced. */
  static final int MAX_WRITE_BEHIND = 10_000;

  private record PerfRow(long checkId, Instant at, List<PerfValue> values) {}

  StateUpdater(
      AlertDatabase db,
      CheckRegistry registry,
      DowntimeStore downtimes,
      Map<String, List<String>> parents,
      Notifier notifier) {
    this.db = db;
    this.registry = registry;
    this.downtimes = downtimes;
    this.parents = Map.copyOf(parents);
    this.notifier = notifier;
  }

  StateMachine machine() {
    return machine;
  }

  /** A passive result to store with the transition. */
  record Passive(CheckKey key, CheckResult result, PassiveStore store) {}

  /**
   * Applies a result. Dropped (empty) when the check is no longer scheduled (retired meanwhile).
   */
  Optional<Transition> result(ScheduledCheck c, CheckResult r, Instant now, Passive passive) {
    c.lock().lock();
    try {
      if (!registry.contains(c)) {
        return Optional.empty();
      }
      CheckState s = c.state();
      List<Downtime> all = downtimes.all();
      List<Downtime> triggered = List.of();
      if (r.status().problem() && !s.status().problem()) {
        // a flexible downtime starts at the first problem in its window (Nagios), so it must
        // already silence the notification this very result may cause
        List<Downtime> before = all;
        List<Downtime> after = Downtimes.onProblem(before, c.key(), now);
        triggered = after.stream().filter(d -> !before.contains(d)).toList();
        all = after;
      }
      Transition t = machine.onResult(s, r, c.policy(), context(c.key(), now, all));
      commit(c, t, r, triggered, passive);
      return Optional.of(t);
    } finally {
      c.lock().unlock();
    }
  }

  /** Time passing: re-notification, escalation, delayed notification, ack expiry, downtime. */
  void tick(ScheduledCheck c, Instant now, List<Downtime> all) {
    c.lock().lock();
    try {
      if (!registry.contains(c)) {
        return;
      }
      CheckState before = c.state();
      Transition t = machine.onTick(before, c.policy(), context(c.key(), now, all));
      if (t.state().equals(before) && t.notifications().isEmpty() && t.history().isEmpty()) {
        return;
      }
      commit(c, t, null, List.of(), null);
    } finally {
      c.lock().unlock();
    }
  }

  Transition acknowledge(ScheduledCheck c, Acknowledgement ack, Instant now) {
    c.lock().lock();
    try {
      Transition t = machine.acknowledge(c.state(), ack, context(c.key(), now, downtimes.all()));
      commit(c, t, null, List.of(), null);
      return t;
    } finally {
      c.lock().unlock();
    }
  }

  /**
   * @return false when it was not acknowledged
   */
  boolean removeAcknowledgement(ScheduledCheck c, String author, Instant now) {
    c.lock().lock();
    try {
      if (c.state().acknowledgement() == null) {
        return false;
      }
      Transition t =
          machine.removeAcknowledgement(c.state(), author, context(c.key(), now, downtimes.all()));
      commit(c, t, null, List.of(), null);
      return true;
    } finally {
      c.lock().unlock();
    }
  }

  /**
   * Stops a check of a retired host without any notification: its state starts over (a pending
   * problem is dropped) and one history line says why.
   */
  void retire(ScheduledCheck c, Instant now, String reason) {
    c.lock().lock();
    try {
      c.state(retireStored(c.state(), now, reason));
    } finally {
      c.lock().unlock();
    }
  }

  /**
   * Resets a stored state to a fresh start marked retired, with a history line; no notification.
   */
  CheckState retireStored(CheckState s, Instant now, String reason) {
    CheckState fresh = machine.initial(s.id(), s.key(), now);
    HistoryEvent line =
        new HistoryEvent(s.id(), now, "RETIRED", s.status(), s.type(), s.attempt(), reason);
    db.transaction(
        conn -> {
          StateStore.save(conn, fresh, true);
          HistoryStore.append(conn, List.of(line));
          return null;
        });
    return fresh;
  }

  StateContext context(CheckKey key, Instant now, List<Downtime> all) {
    boolean hostProblem = false;
    boolean parentDown = false;
    if (key.hostCheck()) {
      for (String p : parents.getOrDefault(key.host(), List.of())) {
        parentDown |= registry.get(new CheckKey(p, "")).map(h -> down(h.state())).orElse(false);
      }
    } else {
      hostProblem =
          registry
              .get(new CheckKey(key.host(), ""))
              .map(h -> down(h.state()) && h.state().type() == StateType.HARD)
              .orElse(false);
    }
    return new StateContext(now, hostProblem, parentDown, Downtimes.covering(all, key, now));
  }

  private static boolean down(CheckState s) {
    return s.lastCheck() != null && s.hostStatus() != null && s.hostStatus() != HostStatus.UP;
  }

  private void commit(
      ScheduledCheck c,
      Transition t,
      CheckResult result,
      List<Downtime> triggered,
      Passive passive) {
    boolean routine =
        t.notifications().isEmpty()
            && t.history().isEmpty()
            && triggered.isEmpty()
            && passive == null
            && stable(c.state()).equals(stable(t.state()));
    if (routine) {
      // only the last-check time, output, perfdata or flap history moved: written behind, at the
      // next flush (every tick), so a crash loses at most a second of them and nothing that
      // decides a notification
      writeBehind.put(c.id(), t.state());
      if (result != null && !result.perfData().isEmpty()) {
        perfBehind.add(new PerfRow(c.id(), result.checkedAt(), result.perfData()));
      }
      c.state(t.state());
      if (perfBehind.size() >= MAX_WRITE_BEHIND) {
        flush();
      }
      return;
    }
    db.transaction(
        conn -> {
          StateStore.save(conn, t.state(), false);
          writeBehind.remove(c.id());
          HistoryStore.append(conn, t.history());
          if (result != null) {
            HistoryStore.appendPerf(conn, c.id(), result.checkedAt(), result.perfData());
          }
          DowntimeStore.saveTriggered(conn, triggered);
          if (passive != null) {
            PassiveStore.save(conn, passive.key(), passive.result());
          }
          return null;
        });
    downtimes.cacheTriggered(triggered);
    if (passive != null) {
      passive.store().cache(passive.key(), passive.result());
    }
    c.state(t.state());
    submit(t.notifications());
  }

  /** The state without what changes on every routine result. */
  private static CheckState stable(CheckState s) {
    return new CheckState(
        s.id(),
        s.key(),
        s.status(),
        s.type(),
        s.attempt(),
        s.hostStatus(),
        "",
        List.of(),
        null,
        Instant.EPOCH,
        s.lastStateChange(),
        s.lastHardStateChange(),
        s.lastHardStatus(),
        s.problemSince(),
        List.of(),
        s.flapping(),
        0,
        s.acknowledgement(),
        s.inDowntime(),
        s.problemNotified(),
        s.pendingNotification(),
        s.lastNotification(),
        s.notificationNumber(),
        s.escalationLevel());
  }

  /** Writes the routine updates held back, in one transaction. */
  void flush() {
    if (writeBehind.isEmpty() && perfBehind.isEmpty()) {
      return;
    }
    db.transaction(
        conn -> {
          // read inside the transaction: a synchronous write of the same check, serialised by
          // the database, has removed its entry already, so an older state never wins
          for (var e : writeBehind.entrySet()) {
            StateStore.save(conn, e.getValue(), false);
            writeBehind.remove(e.getKey(), e.getValue());
          }
          for (PerfRow r; (r = perfBehind.poll()) != null; ) {
            HistoryStore.appendPerf(conn, r.checkId(), r.at(), r.values());
          }
          return null;
        });
  }

  private void submit(List<NotificationEvent> events) {
    List<RuntimeException> failures = new ArrayList<>();
    for (NotificationEvent e : events) {
      try {
        notifier.submit(e);
      } catch (RuntimeException ex) {
        // the state already says it was notified; the log is all that is left to tell
        LOG.error("notification {} for check {} could not be queued", e.type(), e.key(), ex);
        failures.add(ex);
      }
    }
    if (!failures.isEmpty()) {
      LOG.error("{} of {} notifications were not queued", failures.size(), events.size());
    }
  }

  /** Whether {@code s} counts as a problem on the board (for summaries). */
  static boolean problem(CheckState s) {
    return s.lastCheck() != null && s.status() != Status.OK;
  }
}
