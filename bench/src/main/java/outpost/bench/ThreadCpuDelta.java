package outpost.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a process spent its CPU between two moments, grouped by thread name with the numbers cut
 * off ({@code GC Thread#0} and {@code GC Thread#1} count as {@code GC Thread}). Immutable.
 */
final class ThreadCpuDelta {
  private final Map<String, Long> nanosByGroup;

  private ThreadCpuDelta(Map<String, Long> nanosByGroup) {
    this.nanosByGroup = nanosByGroup;
  }

  static ThreadCpuDelta between(
      Map<Long, ProcStats.ThreadCpu> before, Map<Long, ProcStats.ThreadCpu> after) {
    Map<String, Long> groups = new TreeMap<>();
    after.forEach(
        (tid, now) -> {
          ProcStats.ThreadCpu then = before.get(tid);
          long delta = now.cpuNanos() - (then == null ? 0 : then.cpuNanos());
          if (delta > 0) {
            groups.merge(group(now.name()), delta, Long::sum);
          }
        });
    return new ThreadCpuDelta(groups);
  }

  /** A thread name without its trailing numbering: "epollEventLoopG" stays, "GC Thread#3" not. */
  static String group(String name) {
    return name.replaceAll("[-#_ ]*\\d+([-#_ ]*\\d+)*$", "").strip();
  }

  /** The {@code n} busiest groups, busiest first, with their CPU seconds. */
  Map<String, Double> top(int n) {
    Map<String, Double> out = new LinkedHashMap<>();
    nanosByGroup.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(n)
        .forEach(e -> out.put(e.getKey(), e.getValue() / 1e9));
    return out;
  }

  long totalNanos() {
    return nanosByGroup.values().stream().mapToLong(Long::longValue).sum();
  }
}
