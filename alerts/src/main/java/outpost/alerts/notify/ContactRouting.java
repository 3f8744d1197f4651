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
   * level with no contacts configured, the highest configured level below it answers.
   */
  List<String> contacts(long checkId, int escalationLevel);

  /**
   * The same escalation chain for every check: {@code levels.get(0)} first, and so on; a level
   * beyond the list or with no names falls back to the nearest lower level that has names.
   */
  static ContactRouting byLevel(List<List<String>> levels) {
    List<List<String>> copy = levels.stream().map(List::copyOf).toList();
    if (copy.isEmpty()) {
      return (checkId, level) -> List.of();
    }
    return (checkId, level) -> {
      for (int l = Math.min(Math.max(level, 0), copy.size() - 1); l >= 0; l--) {
        if (!copy.get(l).isEmpty()) {
          return copy.get(l);
        }
      }
      return List.of();
    };
  }
}
