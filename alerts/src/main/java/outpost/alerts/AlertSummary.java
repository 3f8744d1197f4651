package outpost.alerts;

import java.util.List;

/**
 * Counts of checks by status, and the unhandled problems (not acknowledged, not in downtime), worst
 * first, at most 50.
 */
public record AlertSummary(
    int ok,
    int warning,
    int critical,
    int unknown,
    int pending,
    int acknowledged,
    int inDowntime,
    int flapping,
    List<CheckView> problems) {
  public AlertSummary {
    problems = List.copyOf(problems);
  }
}
