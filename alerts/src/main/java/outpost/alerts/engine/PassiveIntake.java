package outpost.alerts.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import outpost.alerts.PassiveResult;
import outpost.alerts.check.CheckResult;
import outpost.alerts.check.CheckTarget;
import outpost.alerts.check.PluginOutput;
import outpost.alerts.config.CheckDefinition;
import outpost.alerts.config.ChecksFile;
import outpost.alerts.config.StaticHost;
import outpost.alerts.state.CheckKey;
import outpost.index.HostDirectory;
import outpost.index.HostInfo;

/**
 * Posted results (API, agent heartbeats): validates them, parses perfdata after {@code |} as a
 * plugin's output, stores the result, creates the passive check when new and applies the result
 * through the state machine at once. Thread-safe.
 */
final class PassiveIntake {
  /** Longest output accepted (first line, long output and perfdata together). */
  static final int MAX_OUTPUT_CHARS = 16 * 1024;

  static final int MAX_NAME_CHARS = 255;

  /** Checks created from posted results stop here: past it, a new host or service is refused. */
  static final int MAX_CHECKS = 50_000;

  private final HostDirectory directory;
  private final ChecksFile file;
  private final BuiltInChecks builtIn;
  private final CheckProvisioner provisioner;
  private final CheckRegistry registry;
  private final StateUpdater updater;
  private final PassiveStore store;
  private final InstantSource clock;

  PassiveIntake(
      HostDirectory directory,
      ChecksFile file,
      CheckProvisioner provisioner,
      CheckRegistry registry,
      StateUpdater updater,
      PassiveStore store,
      InstantSource clock) {
    this.directory = directory;
    this.file = file;
    this.builtIn = new BuiltInChecks(file);
    this.provisioner = provisioner;
    this.registry = registry;
    this.updater = updater;
    this.store = store;
    this.clock = clock;
  }

  /**
   * @throws IllegalArgumentException when the result is invalid or names a check that is not
   *     passive
   */
  void submit(PassiveResult r) {
    validate(r);
    apply(r, builtIn.passive(r.host(), r.service()));
  }

  /** One agent heartbeat; its check goes stale after three of the agent's intervals. */
  void heartbeat(PassiveResult r, Duration interval) {
    validate(r);
    apply(r, builtIn.heartbeat(r.host(), interval));
  }

  private void apply(PassiveResult r, CheckDefinition definition) {
    Instant now = clock.instant();
    PluginOutput out = PluginOutput.parse(r.output());
    CheckResult result =
        new CheckResult(
            r.status(), out.output(), out.longOutput(), out.perfData(), now, Duration.ZERO);
    CheckKey key = new CheckKey(r.host(), r.service());
    var passive = new StateUpdater.Passive(key, result, store);
    boolean retired = directory.host(r.host()).map(HostInfo::retired).orElse(false);
    var existing = registry.get(key);
    if (retired && existing.isEmpty()) {
      // a retired host stays silent: the result is kept for when it returns, nothing is scheduled
      store.cache(key, result);
      return;
    }
    ScheduledCheck c = existing.orElseGet(() -> provision(definition));
    if (!c.kind().equals("passive")) {
      throw new IllegalArgumentException(
          "check " + key + " is a " + c.kind() + " check and takes no passive results");
    }
    updater.result(c, result, now, passive);
  }

  private ScheduledCheck provision(CheckDefinition definition) {
    if (registry.size() >= MAX_CHECKS) {
      throw new IllegalArgumentException(
          "checks " + registry.size() + " reach limit " + MAX_CHECKS + "; no new passive check");
    }
    String address =
        file.host(definition.host()).map(StaticHost::address).orElse(definition.host());
    return provisioner.provision(definition, new CheckTarget(definition.host(), address));
  }

  private static void validate(PassiveResult r) {
    name("host", r.host());
    if (!r.service().isEmpty()) {
      name("service", r.service());
    }
    if (r.output().length() > MAX_OUTPUT_CHARS) {
      throw new IllegalArgumentException(
          "output of " + r.output().length() + " characters exceeds limit " + MAX_OUTPUT_CHARS);
    }
  }

  private static void name(String what, String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " is blank");
    }
    if (value.length() > MAX_NAME_CHARS) {
      throw new IllegalArgumentException(
          what + " of " + value.length() + " characters exceeds limit " + MAX_NAME_CHARS);
    }
    if (value.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f || ch == '/')) {
      throw new IllegalArgumentException(
          what + " \"" + value + "\" holds a control character or /");
    }
  }
}
