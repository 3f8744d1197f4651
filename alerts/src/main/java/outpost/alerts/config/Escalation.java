package outpost.alerts.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Contacts told when a problem is still unacknowledged {@code after} its first notification. */
public record Escalation(Duration after, List<String> contacts) {
  public Escalation {
    Objects.requireNonNull(after, "after");
    contacts = List.copyOf(contacts);
  }
}
