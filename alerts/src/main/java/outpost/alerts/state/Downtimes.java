package outpost.alerts.state;

import java.time.Instant;
import java.util.List;

/**
 * Which downtimes are in effect, including the triggering of flexible ones. Pure functions;
 * thread-safe.
 */
public final class Downtimes {
  private Downtimes() {}

  /** Whether any of {@code downtimes} covers {@code key} and is in effect at {@code now}. */
  public static boolean covering(List<Downtime> downtimes, CheckKey key, Instant now) {
    throw new UnsupportedOperationException("issue 4: state machine not built yet");
  }

  /**
   * The downtimes after {@code key} entered a problem state at {@code now}: flexible downtimes
   * covering it whose window holds {@code now} and that have not triggered yet are triggered.
   */
  public static List<Downtime> onProblem(List<Downtime> downtimes, CheckKey key, Instant now) {
    throw new UnsupportedOperationException("issue 4: state machine not built yet");
  }

  /**
   * Downtimes that have ended by {@code now} (fixed past end, flexible past trigger + duration or
   * never triggered by end).
   */
  public static List<Downtime> ended(List<Downtime> downtimes, Instant now) {
    throw new UnsupportedOperationException("issue 4: state machine not built yet");
  }
}
