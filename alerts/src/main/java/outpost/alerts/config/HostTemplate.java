package outpost.alerts.config;

import java.util.List;
import java.util.Objects;

/**
 * Checks applied to every host of a group: an optional host check and services.
 *
 * @param hostCheck replaces the default freshness host check; null keeps the default
 */
public record HostTemplate(
    String group, CheckDefinition hostCheck, List<CheckDefinition> services) {
  public HostTemplate {
    Objects.requireNonNull(group, "group");
    services = List.copyOf(services);
  }
}
