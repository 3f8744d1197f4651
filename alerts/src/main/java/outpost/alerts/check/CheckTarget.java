package outpost.alerts.check;

import java.util.Objects;

/**
 * What a check is about: a host as it appears in the logs (the {@code host} field) and the address
 * to reach it at ({@code $HOSTADDRESS$}, the name itself unless configured).
 */
public record CheckTarget(String host, String address) {
  public CheckTarget {
    Objects.requireNonNull(host, "host");
    address = address == null || address.isBlank() ? host : address;
  }
}
