package outpost.bench.opensearch;

import outpost.bench.ProcStats;

/**
 * CPU time of a few processes, of this JVM and of the whole machine between {@link #open} and
 * {@link #close}, from {@code /proc}. Not thread-safe.
 */
final class CpuWindow {
  private final long[] pids;
  private final long[] start;
  private final long[] used;
  private final long selfStart;
  private final long machineStart;
  private final long wallStart;
  private long self = -1;
  private long machine = -1;
  private long wall = -1;

  private CpuWindow(long[] pids) {
    this.pids = pids.clone();
    this.start = new long[pids.length];
    this.used = new long[pids.length];
    for (int i = 0; i < pids.length; i++) {
      start[i] = pids[i] < 0 ? 0 : ProcStats.cpuNanos(pids[i]);
    }
    this.selfStart = ProcStats.cpuNanos(ProcessHandle.current().pid());
    this.machineStart = ProcStats.machineBusyNanos();
    this.wallStart = System.nanoTime();
  }

  /** Starts counting for {@code pids}; a pid below 0 stands for a process the contender lacks. */
  static CpuWindow open(long... pids) {
    return new CpuWindow(pids);
  }

  void close() {
    for (int i = 0; i < pids.length; i++) {
      used[i] = pids[i] < 0 ? -1 : ProcStats.cpuNanos(pids[i]) - start[i];
    }
    self = ProcStats.cpuNanos(ProcessHandle.current().pid()) - selfStart;
    machine = ProcStats.machineBusyNanos() - machineStart;
    wall = System.nanoTime() - wallStart;
  }

  /** CPU nanoseconds of the {@code i}th process, -1 for an absent one. */
  long cpu(int i) {
    return used[i];
  }

  /** CPU nanoseconds of this JVM (the load generator). */
  long selfCpu() {
    return self;
  }

  /** Cores other processes kept busy on average: machine CPU minus the counted ones, per second. */
  double otherCores() {
    long counted = self;
    for (long u : used) {
      counted += Math.max(0, u);
    }
    return otherCores(machine, counted, wall);
  }

  static double otherCores(long machineNanos, long countedNanos, long wallNanos) {
    return Math.max(0, machineNanos - countedNanos) / (double) wallNanos;
  }
}
