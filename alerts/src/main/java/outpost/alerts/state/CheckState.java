package outpost.alerts.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import outpost.alerts.check.PerfValue;
import outpost.alerts.check.Status;

/**
 * Everything the state machine remembers about one check between results; persisted by the engine
 * (as JSON) so state survives restarts. Immutable: the machine returns a new one.
 *
 * @param id numeric id, stable across restarts
 * @param key host and service
 * @param status current status
 * @param type SOFT or HARD
 * @param attempt current attempt, 1..max_check_attempts
 * @param hostStatus for host checks, UP/DOWN/UNREACHABLE; null for services. A host check's {@code
 *     status} is normalized to OK for UP, CRITICAL for DOWN and UNKNOWN for UNREACHABLE
 * @param output last output (first line)
 * @param perfData last performance data
 * @param lastCheck when the last result came, null before the first
 * @param nextCheck when it is due next
 * @param lastStateChange last change of status (soft or hard)
 * @param lastHardStateChange last change of the HARD status
 * @param lastHardStatus the last HARD status
 * @param problemSince when the current HARD problem began; null while OK
 * @param recentStates up to 21 most recent statuses, oldest first, for flap detection
 * @param flapping whether flapping now
 * @param percentStateChange the last weighted percent state change
 * @param acknowledgement the current acknowledgement, or null
 * @param inDowntime whether a downtime covered it at the last evaluation
 * @param problemNotified whether a PROBLEM notification went out for the current problem (so a
 *     RECOVERY is due when it ends)
 * @param pendingNotification a notification is owed: while a HARD problem, a PROBLEM waiting for
 *     first_notification_delay, an acknowledgement's end or the end of downtime/flapping/host
 *     problem (the first one, or the one for a hard change between problem states); while OK, the
 *     RECOVERY of a notified problem waiting for the end of downtime/flapping/host problem
 * @param lastNotification when the last PROBLEM notification went out, null if none
 * @param notificationNumber PROBLEM notifications sent for the current problem
 * @param escalationLevel the highest escalation level notified for the current problem
 * @param firstNotification when the first PROBLEM notification of the current problem went out,
 *     null if none; escalation times count from it (appended after the first contract; JSON written
 *     without it reads back as null)
 */
public record CheckState(
    long id,
    CheckKey key,
    Status status,
    StateType type,
    int attempt,
    HostStatus hostStatus,
    String output,
    List<PerfValue> perfData,
    Instant lastCheck,
    Instant nextCheck,
    Instant lastStateChange,
    Instant lastHardStateChange,
    Status lastHardStatus,
    Instant problemSince,
    List<Status> recentStates,
    boolean flapping,
    double percentStateChange,
    Acknowledgement acknowledgement,
    boolean inDowntime,
    boolean problemNotified,
    boolean pendingNotification,
    Instant lastNotification,
    int notificationNumber,
    int escalationLevel,
    Instant firstNotification) {
  public static final int FLAP_HISTORY = 21;

  public CheckState {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(type, "type");
    output = Objects.requireNonNullElse(output, "");
    perfData = List.copyOf(perfData);
    Objects.requireNonNull(nextCheck, "nextCheck");
    Objects.requireNonNull(lastHardStatus, "lastHardStatus");
    recentStates = List.copyOf(recentStates);
    if (recentStates.size() > FLAP_HISTORY) {
      throw new IllegalArgumentException(
          "recentStates holds " + recentStates.size() + " entries, limit " + FLAP_HISTORY);
    }
  }

  /** The state as first contracted, without {@link #firstNotification()} (which is then null). */
  public CheckState(
      long id,
      CheckKey key,
      Status status,
      StateType type,
      int attempt,
      HostStatus hostStatus,
      String output,
      List<PerfValue> perfData,
      Instant lastCheck,
      Instant nextCheck,
      Instant lastStateChange,
      Instant lastHardStateChange,
      Status lastHardStatus,
      Instant problemSince,
      List<Status> recentStates,
      boolean flapping,
      double percentStateChange,
      Acknowledgement acknowledgement,
      boolean inDowntime,
      boolean problemNotified,
      boolean pendingNotification,
      Instant lastNotification,
      int notificationNumber,
      int escalationLevel) {
    this(
        id,
        key,
        status,
        type,
        attempt,
        hostStatus,
        output,
        perfData,
        lastCheck,
        nextCheck,
        lastStateChange,
        lastHardStateChange,
        lastHardStatus,
        problemSince,
        recentStates,
        flapping,
        percentStateChange,
        acknowledgement,
        inDowntime,
        problemNotified,
        pendingNotification,
        lastNotification,
        notificationNumber,
        escalationLevel,
        null);
  }
}
