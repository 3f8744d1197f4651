package outpost.alerts;

import java.time.Instant;
import java.util.List;
import outpost.alerts.check.PerfValue;
import outpost.alerts.check.Status;
import outpost.alerts.state.Acknowledgement;
import outpost.alerts.state.HostStatus;
import outpost.alerts.state.StateType;

/**
 * One check as the board shows it.
 *
 * @param id numeric id ({@code ACK <id>})
 * @param host the host
 * @param service the service; empty for the host check
 * @param kind {@code http}, {@code tcp}, {@code ping}, {@code plugin}, {@code log}, {@code
 *     freshness}, {@code passive}, {@code self}, {@code peer}
 * @param status current status; {@code pending} is {@code lastCheck == null}
 * @param hostStatus for a host check UP/DOWN/UNREACHABLE, else null
 * @param stateType SOFT or HARD
 * @param attempt current attempt
 * @param maxAttempts max_check_attempts
 * @param output last output line
 * @param perfData last performance data
 * @param lastCheck when it last ran, null before
 * @param nextCheck when it runs next
 * @param lastStateChange since when it is in this state (time in state)
 * @param flapping whether it flaps
 * @param acknowledgement current acknowledgement or null
 * @param inDowntime whether a downtime covers it now
 * @param notificationsSuppressed a reason notifications are held back now (host down, downtime,
 *     flapping, acknowledged), or empty
 */
public record CheckView(
    long id,
    String host,
    String service,
    String kind,
    Status status,
    HostStatus hostStatus,
    StateType stateType,
    int attempt,
    int maxAttempts,
    String output,
    List<PerfValue> perfData,
    Instant lastCheck,
    Instant nextCheck,
    Instant lastStateChange,
    boolean flapping,
    Acknowledgement acknowledgement,
    boolean inDowntime,
    String notificationsSuppressed) {
  public CheckView {
    perfData = List.copyOf(perfData);
  }
}
