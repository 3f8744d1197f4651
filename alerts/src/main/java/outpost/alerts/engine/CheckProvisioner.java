package outpost.alerts.engine;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import outpost.alerts.check.Check;
import outpost.alerts.check.CheckTarget;
import outpost.alerts.config.CheckBuilder;
import outpost.alerts.config.CheckDefinition;
import outpost.alerts.state.CheckKey;
import outpost.alerts.state.CheckPolicy;
import outpost.alerts.state.CheckState;

/**
 * Turns a definition bound to a host into a scheduled check: builds it, gives it its stable id,
 * loads its persisted state (or starts it), and registers it due at a jittered first run; and takes
 * checks out again when their host retires. Thread-safe.
 */
final class CheckProvisioner {
  private final StateStore states;
  private final CheckRegistry registry;
  private final StateUpdater updater;
  private final CheckBuilder builder;
  private final UnaryOperator<Map<String, String>> redactor;
  private final InstantSource clock;

  CheckProvisioner(
      StateStore states,
      CheckRegistry registry,
      StateUpdater updater,
      CheckBuilder builder,
      UnaryOperator<Map<String, String>> redactor,
      InstantSource clock) {
    this.states = states;
    this.registry = registry;
    this.updater = updater;
    this.builder = builder;
    this.redactor = redactor;
    this.clock = clock;
  }

  /**
   * The scheduled check of {@code def} on {@code target}, created when not scheduled yet.
   *
   * @throws outpost.alerts.check.CheckConfigException when it cannot be built for this host
   */
  synchronized ScheduledCheck provision(CheckDefinition def, CheckTarget target) {
    CheckKey key = new CheckKey(target.host(), def.service());
    var existing = registry.get(key);
    if (existing.isPresent()) {
      return existing.get();
    }
    Check check = builder.build(def.kind(), def.params(), target);
    StateStore.Row row = states.register(key, def.kind());
    Instant now = clock.instant();
    CheckState state =
        row.state() == null ? updater.machine().initial(row.id(), key, now) : row.state();
    CheckPolicy policy = def.policy();
    ScheduledCheck c =
        new ScheduledCheck(
            row.id(),
            def.kind(),
            check,
            policy,
            def.routing(),
            redactor.apply(def.params()),
            state,
            CheckScheduler.firstDue(policy, state, now));
    registry.add(c);
    return c;
  }

  /**
   * Retires the stored checks of a host that is retired but not scheduled (retired while Outpost
   * was down), so a problem it had then is not notified when it returns.
   */
  synchronized void retireStored(String host, String reason) {
    Instant now = clock.instant();
    for (StateStore.Row row : states.activeOf(host)) {
      if (registry.get(row.id()).isEmpty()) {
        updater.retireStored(row.state(), now, reason);
      }
    }
  }

  /**
   * Takes every check of {@code host} out of scheduling without a notification.
   *
   * @return how many were scheduled
   */
  synchronized int retire(String host, String reason) {
    List<ScheduledCheck> checks = registry.ofHost(host);
    Instant now = clock.instant();
    for (ScheduledCheck c : checks) {
      registry.remove(c);
      updater.retire(c, now, reason);
    }
    return checks.size();
  }
}
