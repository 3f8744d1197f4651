package outpost.alerts.engine;

import java.util.List;
import outpost.alerts.config.Routing;

/**
 * Who is told about a check at an escalation level, from the checks file: the check's own {@code
 * contacts}/{@code escalations}, else the file's {@code notify}. Past the last escalation level,
 * the last level answers. Thread-safe.
 */
final class ConfiguredRouting implements outpost.alerts.notify.ContactRouting {
  private final CheckRegistry registry;
  private final Routing fallback;

  ConfiguredRouting(CheckRegistry registry, Routing fallback) {
    this.registry = registry;
    this.fallback = fallback;
  }

  @Override
  public List<String> contacts(long checkId, int escalationLevel) {
    Routing r = registry.get(checkId).map(ScheduledCheck::routing).orElse(fallback);
    int last = r.escalations().size();
    return r.level(Math.min(Math.max(escalationLevel, 0), last));
  }
}
