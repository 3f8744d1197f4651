package outpost.alerts.state;

import java.time.Instant;
import java.util.Objects;

/**
 * What the machine needs to know besides the check itself, computed by the engine for each step.
 *
 * @param now the injected clock's time
 * @param hostProblem for a service: its host is in a HARD DOWN or UNREACHABLE state, which
 *     suppresses the service's notifications (Nagios host dependency)
 * @param parentDown for a host check: a parent host is DOWN or UNREACHABLE, so a failing result
 *     means UNREACHABLE rather than DOWN
 * @param inDowntime a downtime covers the check now
 */
public record StateContext(
    Instant now, boolean hostProblem, boolean parentDown, boolean inDowntime) {
  public StateContext {
    Objects.requireNonNull(now, "now");
  }

  public static StateContext at(Instant now) {
    return new StateContext(now, false, false, false);
  }
}
