package outpost.alerts.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.alerts.check.CheckConfigException;
import outpost.alerts.check.CheckTarget;
import outpost.alerts.config.CheckDefinition;
import outpost.alerts.config.ChecksFile;
import outpost.alerts.config.HostGroup;
import outpost.alerts.config.HostTemplate;
import outpost.alerts.config.StaticHost;
import outpost.index.HostDirectory;
import outpost.index.HostInfo;

/**
 * Keeps the scheduled checks in line with the hosts: every host discovered from the logs gets its
 * host check and the services of the templates whose group it matches (re-evaluated as its apps
 * appear), plus the checks the file binds to it; a retired (or forgotten) host's checks leave the
 * schedule without a notification and come back when it logs again. Polled by the engine; {@link
 * #poll()} is safe to call from any thread.
 */
final class HostWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(HostWatcher.class);

  private final HostDirectory directory;
  private final ChecksFile file;
  private final BuiltInChecks builtIn;
  private final CheckProvisioner provisioner;
  private final String selfName;
  private final Set<String> active = new HashSet<>();
  private final Set<String> retired = new HashSet<>();

  HostWatcher(
      HostDirectory directory, ChecksFile file, CheckProvisioner provisioner, String selfName) {
    this.directory = directory;
    this.file = file;
    this.builtIn = new BuiltInChecks(file);
    this.provisioner = provisioner;
    this.selfName = selfName;
  }

  /** At start: Outpost's own checks and the file's checks and static hosts, then the directory. */
  synchronized void provisionConfigured() {
    for (CheckDefinition d : builtIn.self(selfName)) {
      provision(d, CheckTarget.outpost(selfName));
    }
    Set<String> retiredNow = new HashSet<>();
    for (HostInfo h : directory.hosts()) {
      if (h.retired()) {
        retiredNow.add(h.name());
      }
    }
    for (CheckDefinition d : file.checks()) {
      if (d.host().equals(selfName)) {
        provision(d, CheckTarget.outpost(selfName));
      }
    }
    for (StaticHost h : file.hosts()) {
      if (!retiredNow.contains(h.name())) {
        ensure(h.name(), List.of(), false);
      }
    }
    for (String host : retiredNow) {
      provisioner.retireStored(host, "host retired while Outpost was down: checks stopped");
    }
    retired.addAll(retiredNow);
    poll();
  }

  /** One pass over the directory. */
  synchronized void poll() {
    Set<String> present = new HashSet<>();
    for (HostInfo h : directory.hosts()) {
      present.add(h.name());
      if (h.retired()) {
        if (retired.add(h.name()) | active.remove(h.name())) {
          int n = provisioner.retire(h.name(), "host retired: checks stopped without notification");
          if (n > 0) {
            LOG.info("host {} retired: {} checks stopped", h.name(), n);
          }
        }
      } else {
        if (retired.remove(h.name())) {
          LOG.info("host {} logs again: its checks resume", h.name());
        }
        ensure(h.name(), h.apps(), true);
      }
    }
    for (String name : Set.copyOf(active)) {
      if (!present.contains(name) && file.host(name).isEmpty()) {
        active.remove(name);
        provisioner.retire(name, "host forgotten: checks stopped without notification");
      }
    }
  }

  private void ensure(String host, List<String> apps, boolean logs) {
    active.add(host);
    if (host.equals(selfName)) {
      return;
    }
    String address = file.host(host).map(StaticHost::address).orElse(host);
    CheckTarget target = new CheckTarget(host, address);
    CheckDefinition hostCheck = null;
    for (HostTemplate t : file.templates()) {
      HostGroup g = file.group(t.group()).orElseThrow();
      if (!g.matches(host, apps)) {
        continue;
      }
      if (hostCheck == null && t.hostCheck() != null) {
        hostCheck = t.hostCheck().on(host);
      }
      for (CheckDefinition s : t.services()) {
        provision(s.on(host), target);
      }
    }
    if (hostCheck == null && logs) {
      hostCheck = builtIn.freshness(host);
    }
    if (hostCheck != null) {
      provision(hostCheck, target);
    }
    for (CheckDefinition d : file.checks()) {
      if (d.host().equals(host)) {
        provision(d, target);
      }
    }
  }

  private void provision(CheckDefinition d, CheckTarget target) {
    try {
      provisioner.provision(d, target);
    } catch (CheckConfigException | IllegalArgumentException e) {
      // validated against a sample host at load; a host name can still make it invalid
      LOG.warn(
          "check {} from {} cannot run on {}: {}",
          d.service(),
          d.source().path(),
          target.host(),
          e.getMessage());
    }
  }
}
