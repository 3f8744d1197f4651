package outpost.alerts.state;

import java.time.Instant;
import outpost.alerts.check.CheckResult;

/**
 * The Nagios state logic as pure functions of (state, input, policy, context): soft/hard states,
 * notification decisions, flap detection, acknowledgements, downtime and host dependencies. No I/O,
 * no clock of its own; stateless and thread-safe.
 */
public final class StateMachine {

  /** A check never run: OK/HARD ("PENDING" until the first result), due at {@code now}. */
  public CheckState initial(long id, CheckKey key, Instant now) {
    throw new UnsupportedOperationException("issue 4: state machine not built yet");
  }

  /** Applies one check result. */
  public Transition onResult(
      CheckState state, CheckResult result, CheckPolicy policy, StateContext context) {
    throw new UnsupportedOperationException("issue 4: state machine not built yet");
  }

  /**
   * Time passing without a result (the engine calls it at least every few seconds per check):
   * re-notification and escalation when due, a delayed first notification, expiry of an
   * acknowledgement, entering or leaving downtime, the host problem that held a notification back
   * going away.
   */
  public Transition onTick(CheckState state, CheckPolicy policy, StateContext context) {
    throw new UnsupportedOperationException("issue 4: state machine not built yet");
  }

  /**
   * Acknowledges the current problem. A check that is OK cannot be acknowledged.
   *
   * @throws IllegalStateException when the check is OK
   */
  public Transition acknowledge(CheckState state, Acknowledgement ack, StateContext context) {
    throw new UnsupportedOperationException("issue 4: state machine not built yet");
  }

  /** Removes an acknowledgement (re-notifications resume). */
  public Transition removeAcknowledgement(CheckState state, String author, StateContext context) {
    throw new UnsupportedOperationException("issue 4: state machine not built yet");
  }
}
