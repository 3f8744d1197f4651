package outpost.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * CPU time of every thread of this process, JVM-internal ones included (GC, JIT), read from {@code
 * /proc/self/task} every {@link #PERIOD_MILLIS}, so short-lived threads such as Lucene's merge
 * threads are counted too (minus at most one period each). Linux only; for {@link StoreThroughput}.
 * Thread-safe; {@link #close} stops the sampling thread.
 */
final class ThreadCpuSampler implements AutoCloseable {
  private static final long PERIOD_MILLIS = 50;
  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private record Sample(String name, long ticks) {}

  private final Map<String, Sample> byTid = new ConcurrentHashMap<>();
  private final Thread thread = Thread.ofPlatform().daemon().name("cpu-sampler").start(this::run);
  private volatile boolean closed;

  private void run() {
    while (!closed) {
      sample();
      java.util.concurrent.locks.LockSupport.parkNanos(PERIOD_MILLIS * 1_000_000);
    }
  }

  private void sample() {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      tasks.forEach(this::read);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void read(Path task) {
    String stat;
    try {
      stat = Files.readString(task.resolve("stat"));
    } catch (IOException e) {
      return; // the thread ended between listing and reading
    }
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    String name = stat.substring(open + 1, close);
    String[] rest = stat.substring(close + 2).split(" ");
    long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]); // utime, stime
    byTid.put(task.getFileName().toString(), new Sample(name, ticks));
  }

  /** CPU seconds per thread group (digits in names dropped), as of now. */
  Map<String, Double> secondsByGroup() {
    sample();
    Map<String, Double> groups = new TreeMap<>();
    for (Sample s : byTid.values()) {
      String group = s.name().replaceAll("[#0-9]+", "#").replaceAll("#+$", "#");
      groups.merge(group, s.ticks() / TICKS_PER_SECOND, Double::sum);
    }
    return groups;
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    thread.join();
  }
}
