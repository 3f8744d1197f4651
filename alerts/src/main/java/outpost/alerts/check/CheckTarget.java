package outpost.alerts.check;

import java.util.Objects;

/**
 * What a check is about: a host as it appears in the logs (the {@code host} field) and the address
 * to reach it at ({@code $HOSTADDRESS$}, the name itself unless configured).
 *
 * @param host the host name
 * @param address where to reach it; the name when blank
 * @param outpost true when the target is Outpost itself ({@code AlertSettings.selfName}) rather
 *     than a logging host: its {@code log} checks count over all hosts instead of adding {@code
 *     host:"<host>"} to the query
 */
public record CheckTarget(String host, String address, boolean outpost) {
  public CheckTarget {
    Objects.requireNonNull(host, "host");
    address = address == null || address.isBlank() ? host : address;
  }

  /** A logging host (or one from config) at {@code address}. */
  public CheckTarget(String host, String address) {
    this(host, address, false);
  }

  /** Outpost itself under {@code selfName}: self checks and fleet-wide log checks. */
  public static CheckTarget outpost(String selfName) {
    return new CheckTarget(selfName, "127.0.0.1", true);
  }
}
