package outpost.alerts;

import java.util.Objects;
import outpost.alerts.check.Status;

/**
 * A result posted for a passive check. {@code output} may carry perfdata after {@code |}, as a
 * plugin's would.
 */
public record PassiveResult(String host, String service, Status status, String output) {
  public PassiveResult {
    Objects.requireNonNull(host, "host");
    service = Objects.requireNonNullElse(service, "");
    Objects.requireNonNull(status, "status");
    output = Objects.requireNonNullElse(output, "");
  }
}
