package outpost.alerts.state;

import java.util.Objects;

/**
 * Identifies a check: the host (as in the logs, or Outpost's own name for checks about Outpost or
 * the whole fleet) and the service name. An empty service is the host check, whose result decides
 * the host's UP/DOWN/UNREACHABLE state.
 */
public record CheckKey(String host, String service) implements Comparable<CheckKey> {
  public CheckKey {
    Objects.requireNonNull(host, "host");
    service = Objects.requireNonNullElse(service, "");
  }

  public boolean hostCheck() {
    return service.isEmpty();
  }

  @Override
  public int compareTo(CheckKey o) {
    int c = host.compareTo(o.host);
    return c != 0 ? c : service.compareTo(o.service);
  }

  @Override
  public String toString() {
    return hostCheck() ? host : host + "/" + service;
  }
}
