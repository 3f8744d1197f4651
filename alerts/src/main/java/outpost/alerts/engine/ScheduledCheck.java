package outpost.alerts.engine;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import outpost.alerts.check.Check;
import outpost.alerts.config.Routing;
import outpost.alerts.state.CheckKey;
import outpost.alerts.state.CheckPolicy;
import outpost.alerts.state.CheckState;

/**
 * One check the engine runs: its definition bound to a host, the built {@link Check}, its current
 * state and when it is due. The state changes only under {@link #lock()}; {@link #running()} keeps
 * a check from running twice at once. Thread-safe.
 */
final class ScheduledCheck {
  private final long id;
  private final CheckKey key;
  private final String kind;
  private final Check check;
  private final CheckPolicy policy;
  private final Routing routing;
  private final Map<String, String> definition;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean recheck = new AtomicBoolean();
  private volatile CheckState state;
  private volatile Instant due;

  ScheduledCheck(
      long id,
      String kind,
      Check check,
      CheckPolicy policy,
      Routing routing,
      Map<String, String> definition,
      CheckState state,
      Instant due) {
    this.id = id;
    this.key = state.key();
    this.kind = Objects.requireNonNull(kind, "kind");
    this.check = Objects.requireNonNull(check, "check");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.routing = Objects.requireNonNull(routing, "routing");
    this.definition = Map.copyOf(definition);
    this.state = state;
    this.due = Objects.requireNonNull(due, "due");
  }

  long id() {
    return id;
  }

  CheckKey key() {
    return key;
  }

  String kind() {
    return kind;
  }

  Check check() {
    return check;
  }

  CheckPolicy policy() {
    return policy;
  }

  Routing routing() {
    return routing;
  }

  /** The parameters as configured, secrets removed. */
  Map<String, String> definition() {
    return definition;
  }

  CheckState state() {
    return state;
  }

  /** Only under {@link #lock()}, after the state was persisted. */
  void state(CheckState s) {
    state = s;
  }

  Instant due() {
    return due;
  }

  void due(Instant at) {
    due = at;
  }

  ReentrantLock lock() {
    return lock;
  }

  AtomicBoolean running() {
    return running;
  }

  /** Set when a re-check is asked for; the run that ends next runs it again at once. */
  AtomicBoolean recheck() {
    return recheck;
  }
}
