package outpost.bench.agents;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures one {@code outpost-logpipe} process (run through {@code agents/bin/outpost-logpipe}, as
 * Apache would) pushing Apache combined lines to a local TCP syslog sink:
 *
 * <ul>
 *   <li>start-up: from starting the process to the first line arriving at the sink (median of
 *       several starts, the class-data archive already created);
 *   <li>throughput: lines/s when stdin is written as fast as possible, and the peak RSS (VmHWM);
 *   <li>cost: CPU (utime + stime from /proc/PID/stat) and RSS at a paced 10,000 lines/s.
 * </ul>
 *
 * <p>Run: {@code java -cp bench/target/classes outpost.bench.agents.LogpipeBenchmark [--lines N]
 * [--rate R] [--seconds S] [--starts N]} from the repository root after building the agents jar.
 */
public final class LogpipeBenchmark {
  private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux x86-64

  private LogpipeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int lines = 1_000_000;
    int rate = 10_000;
    int seconds = 20;
    int starts = 7;
    for (int i = 0; i < args.length; i += 2) {
      int v = Integer.parseInt(args[i + 1]);
      switch (args[i]) {
        case "--lines" -> lines = v;
        case "--rate" -> rate = v;
        case "--seconds" -> seconds = v;
        case "--starts" -> starts = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path script = Path.of("agents/bin/outpost-logpipe").toAbsolutePath();
    if (!Files.isExecutable(script)) {
      throw new IllegalStateException(script + " not found: run from the repository root");
    }
    Path work = Files.createTempDirectory("logpipe-bench");
    try (Sink sink = new Sink()) {
      startUp(script, work, sink, starts);
      throughput(script, work, sink, lines);
      paced(script, work, sink, rate, seconds);
    }
  }

  static String line(long seq) {
    return "203.0.113."
        + (seq % 250)
        + " - - [23/Nov/2026:10:15:30 +0000] \"GET /products/item-"
        + seq
        + ".html?ref=home HTTP/1.1\" 200 "
        + (1000 + seq % 50_000)
        + " \"https://www.example.com/\" \"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36\"\n";
  }

  static Process logpipe(Path script, Path work, Sink sink, String tag) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
            script.toString(),
            "--server",
            "127.0.0.1:" + sink.port(),
            "--tag",
            tag,
            "--heartbeat",
            "0",
            "--spool-dir",
            work.resolve("spool-" + tag).toString());
    pb.redirectError(ProcessBuilder.Redirect.INHERIT)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  static void startUp(Path script, Path work, Sink sink, int starts) throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i <= starts; i++) { // run 0 creates the class-data archive: not counted
      long before = sink.received.get();
      long t0 = System.nanoTime();
      Process p = logpipe(script, work, sink, "start" + i);
      OutputStream in = p.getOutputStream();
      in.write(line(i).getBytes(StandardCharsets.US_ASCII));
      in.flush();
      while (sink.received.get() == before) {
        LockSupport.parkNanos(100_000);
      }
      double ms = (System.nanoTime() - t0) / 1e6;
      if (i > 0) {
        millis.add(ms);
      }
      in.close();
      p.waitFor();
    }
    Collections.sort(millis);
    System.out.printf(
        Locale.ROOT,
        "start-up to first line delivered: median %.0f ms, min %.0f ms, max %.0f ms (%d starts)%n",
        millis.get(millis.size() / 2),
        millis.getFirst(),
        millis.getLast(),
        millis.size());
  }

  static void throughput(Path script, Path work, Sink sink, int lines) throws Exception {
    Process p = logpipe(script, work, sink, "throughput");
    long before = sink.received.get();
    long t0 = System.nanoTime();
    try (OutputStream in = new BufferedOutputStream(p.getOutputStream(), 1 << 16)) {
      for (int i = 0; i < lines; i++) {
        in.write(line(i).getBytes(StandardCharsets.US_ASCII));
      }
    }
    long hwm = 0;
    long cpu = 0;
    while (sink.received.get() - before < lines) {
      hwm = Math.max(hwm, statusKb(p.pid(), "VmHWM:"));
      cpu = Math.max(cpu, cpuTicks(p.pid()));
      LockSupport.parkNanos(1_000_000);
    }
    double s = (System.nanoTime() - t0) / 1e9;
    cpu = Math.max(cpu, cpuTicks(p.pid()));
    p.waitFor();
    System.out.printf(
        Locale.ROOT,
        "throughput: %d lines in %.2f s = %.0f lines/s, CPU %.2f s, peak RSS %d MiB%n",
        lines,
        s,
        lines / s,
        (double) cpu / TICKS_PER_SECOND,
        hwm / 1024);
  }

  static void paced(Path script, Path work, Sink sink, int rate, int seconds) throws Exception {
    Process p = logpipe(script, work, sink, "paced");
    long pid = p.pid();
    long before = sink.received.get();
    long total = (long) rate * seconds;
    long t0 = System.nanoTime();
    long cpu0 = -1;
    long tCpu0 = 0;
    try (OutputStream in = new BufferedOutputStream(p.getOutputStream(), 1 << 16)) {
      long written = 0;
      while (written < total) {
        long elapsed = System.nanoTime() - t0;
        if (cpu0 < 0 && elapsed > 2_000_000_000L) { // measure after a 2 s warm-up
          cpu0 = cpuTicks(pid);
          tCpu0 = System.nanoTime();
        }
        long due = Math.min(total, elapsed * rate / 1_000_000_000L);
        for (; written < due; written++) {
          in.write(line(written).getBytes(StandardCharsets.US_ASCII));
        }
        in.flush();
        LockSupport.parkNanos(1_000_000);
      }
      long cpu1 = cpuTicks(pid);
      double wall = (System.nanoTime() - tCpu0) / 1e9;
      double cores = (cpu1 - cpu0) / (double) TICKS_PER_SECOND / wall;
      long rss = statusKb(pid, "VmRSS:");
      long hwm = statusKb(pid, "VmHWM:");
      while (sink.received.get() - before < total) {
        LockSupport.parkNanos(1_000_000);
      }
      System.out.printf(
          Locale.ROOT,
          "at %d lines/s for %d s: CPU %.1f%% of one core (%.1f%% per 10,000 lines/s), RSS %d MiB,"
              + " peak RSS %d MiB%n",
          rate,
          seconds,
          cores * 100,
          cores * 100 * 10_000 / rate,
          rss / 1024,
          hwm / 1024);
    }
    p.waitFor();
  }

  /** utime + stime in ticks, or 0 once the process is gone. */
  static long cpuTicks(long pid) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException e) {
      return 0;
    }
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
  }

  static long statusKb(long pid, String key) {
    try {
      for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (l.startsWith(key)) {
          return Long.parseLong(l.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
      return 0;
    } catch (IOException e) {
      return 0; // the process ended
    }
  }

  /** Counts octet-counted syslog messages on 127.0.0.1. */
  static final class Sink implements AutoCloseable {
    final AtomicLong received = new AtomicLong();
    private final ServerSocket server;

    Sink() throws IOException {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread.ofPlatform().daemon().start(this::accept);
    }

    int port() {
      return server.getLocalPort();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket c = server.accept();
          Thread.ofPlatform().daemon().start(() -> read(c));
        } catch (IOException e) {
          return;
        }
      }
    }

    private void read(Socket c) {
      try (InputStream in = new BufferedInputStream(c.getInputStream(), 1 << 16)) {
        while (true) {
          int length = 0;
          int b;
          while ((b = in.read()) != ' ') {
            if (b < 0) {
              return;
            }
            length = length * 10 + (b - '0');
          }
          in.skipNBytes(length);
          received.incrementAndGet();
        }
      } catch (IOException e) {
        // connection closed
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
