package outpost.alerts.check;

/**
 * One configured check bound to its target (a host, or Outpost itself), ready to run.
 * Implementations are thread-safe and may be run again while the scheduler waits for the next
 * interval; a run never throws for a failure of the thing checked (that is a CRITICAL or UNKNOWN
 * result).
 */
public interface Check {
  /**
   * Runs the check once. Must return within its own timeout (UNKNOWN or CRITICAL on timeout, as the
   * kind defines it).
   *
   * @throws InterruptedException when the scheduler is closing
   */
  CheckResult run() throws InterruptedException;

  /** The kind name as written in the checks file: {@code http}, {@code tcp}, ... */
  String kind();
}
