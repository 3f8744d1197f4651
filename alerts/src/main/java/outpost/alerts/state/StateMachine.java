package outpost.alerts.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import outpost.alerts.check.CheckResult;
import outpost.alerts.check.Status;

/**
 * The Nagios state logic as pure functions of (state, input, policy, context): soft/hard states,
 * notification decisions, flap detection, acknowledgements, downtime and host dependencies. No I/O,
 * no clock of its own (time is {@link StateContext#now()}); stateless and thread-safe.
 *
 * <p>The rules follow the Nagios Core 4 documentation, section by section:
 *
 * <ul>
 *   <li>"State Types": soft and hard states, attempts, soft and hard recoveries, services of a down
 *       host going HARD at once; see {@link SoftHardRules}.
 *   <li>"Host Checks" and "Determining Status and Reachability of Network Hosts": UP, DOWN and
 *       UNREACHABLE; see {@link SoftHardRules}.
 *   <li>"Notifications", "Notification Escalations", "Host and Service Dependencies": when PROBLEM,
 *       RECOVERY and re-notifications go out and what holds them back; see {@link
 *       NotificationRules}.
 *   <li>"Detection and Handling of State Flapping": weighted percent state change over the last 21
 *       results, FLAPPINGSTART/FLAPPINGSTOP; see {@link FlapDetector}.
 *   <li>"Acknowledgements": only a problem can be acknowledged; it sends an ACKNOWLEDGEMENT
 *       notification and stops PROBLEM re-notifications (and escalation). A non-sticky
 *       acknowledgement ends at any change of status (WARNING to CRITICAL, soft or hard); a sticky
 *       one ends only when the check is OK again. One with {@link Acknowledgement#expires()} ends
 *       at the first tick at or after it, and re-notifications resume on their schedule.
 *   <li>"Scheduled Downtime": when {@link StateContext#inDowntime()} differs from {@link
 *       CheckState#inDowntime()}, a DOWNTIMESTART or DOWNTIMEEND notification and history line;
 *       while in downtime PROBLEM and RECOVERY notifications wait. Which downtime is in effect is
 *       {@link Downtimes}' job.
 * </ul>
 *
 * <p>History: a {@code STATE} line whenever the status, the state type or the attempt changes (as
 * the Nagios log writes an alert per soft attempt), and {@code ACK}, {@code ACKREMOVED}, {@code
 * FLAPPINGSTART}, {@code FLAPPINGSTOP}, {@code DOWNTIMESTART}, {@code DOWNTIMEEND} and {@code
 * NOTIFICATION} lines for the other events.
 */
public final class StateMachine {

  /** A check never run: OK/HARD ("PENDING" until the first result), due at {@code now}. */
  public CheckState initial(long id, CheckKey key, Instant now) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(now, "now");
    return new CheckState(
        id,
        key,
        Status.OK,
        StateType.HARD,
        1,
        key.hostCheck() ? HostStatus.UP : null,
        "",
        List.of(),
        null,
        now,
        now,
        now,
        Status.OK,
        null,
        List.of(),
        false,
        0,
        null,
        false,
        false,
        false,
        null,
        0,
        0,
        null);
  }

  /** Applies one check result. */
  public Transition onResult(
      CheckState state, CheckResult result, CheckPolicy policy, StateContext context) {
    Objects.requireNonNull(result, "result");
    StateDraft d = draft(state, policy, context);
    d.output = result.output();
    d.perfData = result.perfData();
    Status status = SoftHardRules.effectiveStatus(d.key, result.status(), context.parentDown());
    SoftHardRules.Change change = SoftHardRules.apply(d, status, policy, context);
    if (d.acknowledgement != null) {
      if (!d.problem()) {
        d.removeAcknowledgement("recovered");
      } else if (change.statusChanged() && !d.acknowledgement.sticky()) {
        d.removeAcknowledgement("state changed");
      }
    }
    NotificationRules.afterResult(d, change);
    downtime(d, context);
    FlapDetector.record(d, policy, context.inDowntime());
    NotificationRules.release(d, policy, context);
    return d.transition();
  }

  /**
   * Time passing without a result (the engine calls it at least every few seconds per check):
   * re-notification and escalation when due, a delayed first notification, expiry of an
   * acknowledgement, entering or leaving downtime, the host problem that held a notification back
   * going away.
   */
  public Transition onTick(CheckState state, CheckPolicy policy, StateContext context) {
    StateDraft d = draft(state, policy, context);
    Acknowledgement ack = d.acknowledgement;
    if (ack != null && ack.expires() != null && !context.now().isBefore(ack.expires())) {
      d.removeAcknowledgement("expired");
    }
    downtime(d, context);
    FlapDetector.evaluate(d, policy, context.inDowntime());
    NotificationRules.release(d, policy, context);
    return d.transition();
  }

  /**
   * Acknowledges the current problem. A check that is OK cannot be acknowledged.
   *
   * @throws IllegalStateException when the check is OK
   */
  public Transition acknowledge(CheckState state, Acknowledgement ack, StateContext context) {
    Objects.requireNonNull(ack, "ack");
    if (!state.status().problem()) {
      throw new IllegalStateException(
          "check "
              + state.id()
              + " ("
              + state.key()
              + ") is OK; only a problem can be acknowledged");
    }
    StateDraft d = new StateDraft(state, context.now());
    d.acknowledgement = ack;
    d.history("ACK", describe(ack));
    d.notify(NotificationType.ACKNOWLEDGEMENT, 0, ack.author(), ack.comment());
    return d.transition();
  }

  /**
   * Removes an acknowledgement, with an {@code ACKREMOVED} history line; a no-op without one.
   * Re-notifications resume: an overdue one (or a held-back first one) goes out at the next {@link
   * #onTick}, which knows the policy and context.
   */
  public Transition removeAcknowledgement(CheckState state, String author, StateContext context) {
    Objects.requireNonNull(author, "author");
    StateDraft d = new StateDraft(state, context.now());
    if (d.acknowledgement == null) {
      return d.transition();
    }
    d.removeAcknowledgement("removed by " + author);
    return d.transition();
  }

  private static StateDraft draft(CheckState state, CheckPolicy policy, StateContext context) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(context, "context");
    return new StateDraft(state, context.now());
  }

  private static void downtime(StateDraft d, StateContext context) {
    if (context.inDowntime() == d.inDowntime) {
      return;
    }
    d.inDowntime = context.inDowntime();
    NotificationType kind =
        d.inDowntime ? NotificationType.DOWNTIMESTART : NotificationType.DOWNTIMEEND;
    d.history(kind.name(), d.inDowntime ? "downtime started" : "downtime ended");
    d.notify(kind, 0, "", "");
  }

  private static String describe(Acknowledgement ack) {
    String text = ack.author() + (ack.comment().isEmpty() ? "" : ": " + ack.comment());
    return (ack.sticky() ? "sticky; " : "")
        + text
        + (ack.expires() != null ? " (expires " + ack.expires() + ")" : "");
  }
}
