package outpost.alerts.config;

import java.util.List;
import java.util.Objects;

/**
 * A host declared in the checks file (besides those discovered from the logs).
 *
 * @param address what {@code $HOSTADDRESS$} becomes; the name when omitted
 * @param parents hosts between Outpost and this one: when one is down, this one is UNREACHABLE
 */
public record StaticHost(String name, String address, List<String> parents) {
  public StaticHost {
    Objects.requireNonNull(name, "name");
    address = address == null || address.isBlank() ? name : address;
    parents = List.copyOf(parents);
  }
}
