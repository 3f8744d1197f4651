package outpost.alerts.notify;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Someone (or something) to notify: a phone for SMS, a webhook, or both, and the time period in
 * which they want to be told. Immutable; parsed once from the checks file.
 *
 * @param name unique name that routing refers to
 * @param phone E.164 number ({@code +447911123456}) or empty for no SMS
 * @param webhook http(s) URL to POST JSON to, or null for none
 * @param period when this contact may be notified; null means always
 */
public record Contact(String name, String phone, URI webhook, TimePeriod period) {
  /** E.164: a plus, a non-zero digit, at most 15 digits in all. */
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

  public Contact {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("contact name is blank");
    }
    phone = Objects.requireNonNullElse(phone, "").strip();
    if (!phone.isEmpty() && !E164.matcher(phone).matches()) {
      throw new IllegalArgumentException(
          "contact " + name + ": phone '" + phone + "' is not E.164 (+ and up to 15 digits)");
    }
    if (webhook != null) {
      String scheme =
          webhook.getScheme() == null ? "" : webhook.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || webhook.getHost() == null) {
        throw new IllegalArgumentException(
            "contact " + name + ": webhook '" + webhook + "' is not an http(s) URL with a host");
      }
    }
    if (phone.isEmpty() && webhook == null) {
      throw new IllegalArgumentException("contact " + name + " has neither a phone nor a webhook");
    }
  }

  /** True when {@code at} lies in the contact's time period (always when none is set). */
  public boolean reachableAt(Instant at) {
    return period == null || period.contains(at);
  }

  /** The zone to show times in: the period's zone, else UTC. */
  public ZoneId zone() {
    return period == null ? ZoneOffset.UTC : period.zone();
  }
}
