package outpost.alerts.config;

import java.time.Duration;
import java.util.List;

/**
 * Who is told about a check: the first contacts (escalation level 0) and the escalations (level 1,
 * 2, ... in order of {@code after}).
 */
public record Routing(List<String> contacts, List<Escalation> escalations) {
  public static final Routing NONE = new Routing(List.of(), List.of());

  public Routing {
    contacts = List.copyOf(contacts);
    escalations =
        escalations.stream().sorted(java.util.Comparator.comparing(Escalation::after)).toList();
  }

  /** The contacts of one escalation level; empty past the last level. */
  public List<String> level(int level) {
    if (level <= 0) {
      return contacts;
    }
    return level <= escalations.size() ? escalations.get(level - 1).contacts() : List.of();
  }

  /** The escalation delays, as {@link outpost.alerts.state.CheckPolicy#escalations()} wants. */
  public List<Duration> delays() {
    return escalations.stream().map(Escalation::after).toList();
  }
}
