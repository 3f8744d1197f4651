package outpost.alerts.config;

import java.net.URI;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A contact as the checks file declares it: at least a phone (E.164) or a webhook.
 *
 * @param period when the contact may be notified, in the notifier's time-period syntax ({@code
 *     "monday-friday 09:00-17:30; saturday 10:00-14:00"}); {@code "* 00:00-24:00"} when omitted
 * @param zone the zone of {@code period}
 * @param line the line it is declared on, for errors found later (the period's syntax)
 */
public record ContactConfig(
    String name, String phone, URI webhook, String period, ZoneId zone, int line) {
  public static final String ALWAYS = "* 00:00-24:00";

  public ContactConfig {
    Objects.requireNonNull(name, "name");
    phone = Objects.requireNonNullElse(phone, "");
    period = Objects.requireNonNullElse(period, ALWAYS);
    zone = Objects.requireNonNullElse(zone, ZoneId.of("UTC"));
    if (phone.isEmpty() && webhook == null) {
      throw new IllegalArgumentException("contact " + name + " has neither phone nor webhook");
    }
  }

  @Override
  public String toString() {
    return "ContactConfig[" + name + "]";
  }
}
