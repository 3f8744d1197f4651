package outpost.alerts.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import outpost.alerts.check.Status;

/**
 * Flap detection as in the Nagios Core documentation, "Detection and Handling of State Flapping".
 *
 * <p>The last {@link CheckState#FLAP_HISTORY} (21) results are kept, oldest first. Between 21
 * results there are 20 possible state changes; each change found counts with a weight that grows
 * linearly from {@link #OLDEST_WEIGHT} for the oldest transition to {@link #NEWEST_WEIGHT} for the
 * newest, so recent changes matter more. The percent state change is {@code 100 * (sum of the
 * weights of the changes) / 20}. With fewer than 21 results the missing older ones count as
 * unchanged (the newest transition always weighs 1.2), as Nagios starts its history filled with one
 * state.
 *
 * <p>A check starts flapping when the percent state change exceeds the high threshold and stops
 * when it falls below the low threshold; in between it keeps its flapping state (hysteresis).
 * Stateless and thread-safe.
 */
final class FlapDetector {
  static final double OLDEST_WEIGHT = 0.8;
  static final double NEWEST_WEIGHT = 1.2;
  private static final int TRANSITIONS = CheckState.FLAP_HISTORY - 1;

  private FlapDetector() {}

  /** {@code history} with {@code status} appended, keeping the newest 21. */
  static List<Status> append(List<Status> history, Status status) {
    List<Status> next = new ArrayList<>(history);
    next.add(status);
    while (next.size() > CheckState.FLAP_HISTORY) {
      next.removeFirst();
    }
    return next;
  }

  /** The weight of transition {@code index}, 0 the oldest of the 20 and 19 the newest. */
  static double weight(int index) {
    return OLDEST_WEIGHT + (NEWEST_WEIGHT - OLDEST_WEIGHT) * index / (TRANSITIONS - 1);
  }

  /** The weighted percent state change of {@code history} (oldest first, at most 21 entries). */
  static double percentStateChange(List<Status> history) {
    if (history.size() > CheckState.FLAP_HISTORY) {
      throw new IllegalArgumentException(
          "flap history of " + history.size() + " entries exceeds " + CheckState.FLAP_HISTORY);
    }
    int n = history.size();
    double sum = 0;
    for (int i = 1; i < n; i++) {
      if (history.get(i) != history.get(i - 1)) {
        // transition i (between entries i-1 and i) aligned so the newest is index 19
        sum += weight(i - 1 + CheckState.FLAP_HISTORY - n);
      }
    }
    return 100.0 * sum / TRANSITIONS;
  }

  /**
   * Records {@code draft.status} in the history, recomputes the percent state change and starts or
   * stops flapping, emitting FLAPPINGSTART/FLAPPINGSTOP (history always; notifications not during
   * downtime, as Nagios does not send flapping notifications then).
   */
  static void record(StateDraft draft, CheckPolicy policy, boolean inDowntime) {
    draft.recentStates = append(draft.recentStates, draft.status);
    draft.percentStateChange = percentStateChange(draft.recentStates);
    evaluate(draft, policy, inDowntime);
  }

  /** Starts or stops flapping from the stored percent state change and the policy. */
  static void evaluate(StateDraft draft, CheckPolicy policy, boolean inDowntime) {
    double pct = draft.percentStateChange;
    if (!policy.flapDetection()) {
      if (draft.flapping) {
        // Nagios sends FLAPPINGDISABLED here; we have no such type, so only the history says it
        draft.flapping = false;
        draft.history("FLAPPINGSTOP", "flap detection disabled");
      }
      return;
    }
    if (!draft.flapping && pct > policy.flapHighThreshold()) {
      draft.flapping = true;
      flapEvent(draft, NotificationType.FLAPPINGSTART, "above high", policy.flapHighThreshold());
      if (!inDowntime) {
        draft.notify(NotificationType.FLAPPINGSTART, 0, "", "");
      }
    } else if (draft.flapping && pct < policy.flapLowThreshold()) {
      draft.flapping = false;
      flapEvent(draft, NotificationType.FLAPPINGSTOP, "below low", policy.flapLowThreshold());
      if (!inDowntime) {
        draft.notify(NotificationType.FLAPPINGSTOP, 0, "", "");
      }
    }
  }

  private static void flapEvent(
      StateDraft draft, NotificationType kind, String relation, double threshold) {
    draft.history(
        kind.name(),
        String.format(
            Locale.ROOT,
            "percent state change %.2f %s threshold %.2f",
            draft.percentStateChange,
            relation,
            threshold));
  }
}
