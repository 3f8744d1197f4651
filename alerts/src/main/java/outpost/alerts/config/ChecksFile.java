package outpost.alerts.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks file as loaded and validated by {@link ChecksFileLoader}: every contact named exists,
 * every check builds. Immutable.
 */
public record ChecksFile(
    CheckDefaults defaults,
    List<ContactConfig> contacts,
    Routing routing,
    List<StaticHost> hosts,
    List<HostGroup> groups,
    List<HostTemplate> templates,
    List<CheckDefinition> checks) {
  public ChecksFile {
    Objects.requireNonNull(defaults, "defaults");
    contacts = List.copyOf(contacts);
    Objects.requireNonNull(routing, "routing");
    hosts = List.copyOf(hosts);
    groups = List.copyOf(groups);
    templates = List.copyOf(templates);
    checks = List.copyOf(checks);
  }

  /** No file: the built-in checks only, nobody to notify. */
  public static ChecksFile builtIn() {
    return new ChecksFile(
        CheckDefaults.BUILT_IN,
        List.of(),
        Routing.NONE,
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  public Optional<StaticHost> host(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
  }

  public Optional<HostGroup> group(String name) {
    return groups.stream().filter(g -> g.name().equals(name)).findFirst();
  }
}
