package outpost.alerts.state;

import java.time.Duration;
import outpost.alerts.check.Status;

/**
 * Soft and hard states, after the Nagios Core 4 documentation sections "State Types" and "Host
 * Checks" / "Determining Status and Reachability of Network Hosts". Stateless and thread-safe.
 *
 * <ul>
 *   <li>A problem result after OK is SOFT attempt 1; each further problem result counts one more
 *       attempt; at {@code max_check_attempts} the state becomes HARD (a hard state change). With
 *       {@code max_check_attempts} 1 the first problem is HARD at once.
 *   <li>A change between problem states while HARD (WARNING to CRITICAL) is a hard state change.
 *   <li>A service problem while its host is HARD DOWN or UNREACHABLE ({@link
 *       StateContext#hostProblem()}) is HARD at once: "State Types" lists it among the hard state
 *       changes. Only a HARD host problem counts (a SOFT one would hold the service's notification
 *       back for a host that then recovers, the trap discussed in nagioscore issues 584 and 759),
 *       and such a problem ends in a HARD recovery that notifies (issue 651 lost that RECOVERY).
 *   <li>OK after a SOFT problem is a SOFT recovery (the recovery result itself is SOFT, the next OK
 *       is HARD again); OK after a HARD problem is a HARD recovery.
 *   <li>The next check is due after {@code retry_interval} while in a SOFT problem state, after
 *       {@code check_interval} otherwise.
 *   <li>Host checks: OK and WARNING mean UP, CRITICAL and UNKNOWN mean DOWN, or UNREACHABLE when a
 *       parent is down ({@link StateContext#parentDown()}). A host check's {@link
 *       CheckState#status()} is normalized to the host state's code (UP = OK, DOWN = CRITICAL,
 *       UNREACHABLE = UNKNOWN) so that DOWN to UNREACHABLE is a state change like any other; the
 *       plugin's own text stays in the output.
 * </ul>
 */
final class SoftHardRules {
  private SoftHardRules() {}

  /** The status a result means for {@code key}; host checks are normalized (see class doc). */
  static Status effectiveStatus(CheckKey key, Status raw, boolean parentDown) {
    if (!key.hostCheck()) {
      return raw;
    }
    if (!raw.problem() || raw == Status.WARNING) {
      return Status.OK;
    }
    return parentDown ? Status.UNKNOWN : Status.CRITICAL;
  }

  /** The host state of a (normalized) host check status; null for services. */
  static HostStatus hostStatus(CheckKey key, Status status) {
    if (!key.hostCheck()) {
      return null;
    }
    return switch (status) {
      case OK, WARNING -> HostStatus.UP;
      case CRITICAL -> HostStatus.DOWN;
      case UNKNOWN -> HostStatus.UNREACHABLE;
    };
  }

  /** What one result changed, for the notification and acknowledgement rules. */
  record Change(boolean statusChanged, boolean hardChange, boolean newProblem, boolean recovery) {}

  /**
   * Applies {@code status} to the draft: status, type, attempt, the state-change times, the problem
   * start and the next check; writes a STATE history line when the status, the type or the attempt
   * changed.
   */
  static Change apply(StateDraft d, Status status, CheckPolicy policy, StateContext ctx) {
    Status oldStatus = d.status;
    StateType oldType = d.type;
    int oldAttempt = d.attempt;
    boolean wasHardProblem = oldType == StateType.HARD && oldStatus.problem();
    boolean hardChange;
    boolean newProblem = false;
    boolean recovery = false;
    if (!status.problem()) {
      recovery = oldStatus.problem();
      // soft recovery stays SOFT for this one result; OK after OK is HARD
      d.type = recovery && oldType == StateType.SOFT ? StateType.SOFT : StateType.HARD;
      d.attempt = 1;
      hardChange = wasHardProblem;
    } else {
      if (!oldStatus.problem()) {
        d.attempt = 1;
      } else if (oldType == StateType.SOFT) {
        d.attempt = Math.min(oldAttempt + 1, policy.maxCheckAttempts());
      } else {
        d.attempt = Math.min(oldAttempt, policy.maxCheckAttempts());
      }
      boolean hostHard = !d.key.hostCheck() && ctx.hostProblem();
      boolean hard = wasHardProblem || d.attempt >= policy.maxCheckAttempts() || hostHard;
      d.type = hard ? StateType.HARD : StateType.SOFT;
      hardChange = hard && (!wasHardProblem || oldStatus != status);
      newProblem = hard && !wasHardProblem;
    }
    d.status = status;
    d.hostStatus = hostStatus(d.key, status);
    boolean statusChanged = oldStatus != status;
    if (statusChanged) {
      d.lastStateChange = d.now;
    }
    if (hardChange) {
      d.lastHardStateChange = d.now;
      d.lastHardStatus = status;
    }
    if (newProblem) {
      d.problemSince = d.now;
    } else if (recovery && wasHardProblem) {
      d.problemSince = null;
    }
    Duration interval =
        d.type == StateType.SOFT && status.problem()
            ? policy.retryInterval()
            : policy.checkInterval();
    d.lastCheck = d.now;
    d.nextCheck = d.now.plus(interval);
    if (statusChanged || oldType != d.type || oldAttempt != d.attempt) {
      d.history("STATE", d.output);
    }
    return new Change(statusChanged, hardChange, newProblem, recovery && wasHardProblem);
  }
}
