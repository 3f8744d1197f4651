package outpost.alerts.notify;

import java.util.List;

/**
 * Who is told about a check at an escalation level. The alert engine implements it from the checks
 * file; {@link #byLevel} serves a fixed escalation chain. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ContactRouting {
  /**
   * The contact names for {@code checkId} at {@code escalationLevel} (0 = first contacts). At a
   * level beyond the configured ones, the highest configured level answers.
   */
  List<String> contacts(long checkId, int escalationLevel);

  /** The same escalation chain for every check: {@code levels.get(0)} first, and so on. */
  static ContactRouting byLevel(List<List<String>> levels) {
    List<List<String>> copy = levels.stream().map(List::copyOf).toList();
    if (copy.isEmpty()) {
      return (checkId, level) -> List.of();
    }
    return (checkId, level) -> {
      return copy.get(Math.min(Math.max(level, 0), copy.size() - 1));
    };
  }
}
