package outpost.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads Linux {@code /proc}: a process's CPU time and peak RSS, per-thread CPU, and the kernel's
 * UDP counters. Stateless and thread-safe.
 */
public final class ProcStats {
  /** USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux/x86-64 build. */
  static final long CLOCK_TICKS_PER_SECOND = 100;

  private ProcStats() {}

  /** utime + stime of a process, in CPU nanoseconds (proc(5), fields 14 and 15). */
  public static long cpuNanos(long pid) {
    return ticksToNanos(ticks(read(Path.of("/proc", Long.toString(pid), "stat"))));
  }

  /** Peak resident set size (VmHWM) in bytes. */
  public static long peakRssBytes(long pid) {
    return statusKb(pid, "VmHWM:") * 1024;
  }

  /** Current resident set size (VmRSS) in bytes. */
  public static long rssBytes(long pid) {
    return statusKb(pid, "VmRSS:") * 1024;
  }

  /**
   * CPU nanoseconds per thread id, with the thread's name (Linux keeps the first 15 characters of
   * the Java thread name).
   */
  static Map<Long, ThreadCpu> threadCpu(long pid) {
    Map<Long, ThreadCpu> out = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = read(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          long tid = Long.parseLong(task.getFileName().toString());
          out.put(tid, new ThreadCpu(name, ticksToNanos(ticks(stat))));
        } catch (UncheckedIOException e) {
          if (!(e.getCause() instanceof NoSuchFileException)) {
            throw e;
          }
          // the thread ended between listing and reading: it has nothing more to report
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * CPU time all processes on the machine used, in nanoseconds: user, nice, system, irq, softirq
   * and steal from the {@code cpu} line of /proc/stat (proc(5)).
   */
  public static long machineBusyNanos() {
    String[] f = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().split("\\s+");
    long busy = 0;
    for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
      busy += Long.parseLong(f[i]);
    }
    return ticksToNanos(busy);
  }

  /** One thread's name and CPU time. */
  record ThreadCpu(String name, long cpuNanos) {}

  /** The kernel's UDP counters from /proc/net/snmp ({@code RcvbufErrors}, {@code InErrors}, ..). */
  static Map<String, Long> udpCounters() {
    List<String> udp =
        read(Path.of("/proc/net/snmp")).lines().filter(l -> l.startsWith("Udp:")).toList();
    if (udp.size() < 2) {
      throw new IllegalStateException("/proc/net/snmp has no Udp counters");
    }
    String[] names = udp.get(0).split("\\s+");
    String[] values = udp.get(1).split("\\s+");
    Map<String, Long> out = new HashMap<>();
    for (int i = 1; i < Math.min(names.length, values.length); i++) {
      out.put(names[i], Long.parseLong(values[i]));
    }
    return out;
  }

  /** A single-line kernel setting such as {@code /proc/sys/net/core/rmem_max}, or -1. */
  static long sysctl(String path) {
    try {
      return Long.parseLong(read(Path.of(path)).strip());
    } catch (UncheckedIOException | NumberFormatException e) {
      return -1;
    }
  }

  /** utime + stime in clock ticks from the text of a {@code stat} file. */
  static long ticks(String stat) {
    // fields after the command name, which may itself hold spaces and parentheses
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  static long ticksToNanos(long ticks) {
    return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
  }

  private static long statusKb(long pid, String key) {
    return statusKb(read(Path.of("/proc", Long.toString(pid), "status")), key, "/proc/" + pid);
  }

  /**
   * The kB value of line {@code key} (e.g. {@code VmHWM:}) in the text of a {@code status} file.
   */
  static long statusKb(String status, String key, String where) {
    for (String line : status.lines().toList()) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.substring(key.length()).replace("kB", "").strip());
      }
    }
    throw new IllegalStateException(where + "/status has no " + key);
  }

  /**
   * The whole text of a /proc file. Read line by line: on some kernels a single bulk read of a
   * sysctl file (what {@code Files.readString} does) returns only its first byte.
   */
  private static String read(Path p) {
    try {
      return String.join("\n", Files.readAllLines(p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
