package outpost.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Phase 1: the corpus over TCP at full speed for a fixed time, then the wait until the last message
 * of every connection is searchable; reports rates, time to searchable, CPU and RSS. Not
 * thread-safe.
 */
final class TcpPhase {
  /** How long the benchmark waits for the server to catch up before it gives up. */
  static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(15);

  private static final long POLL_MILLIS = 100;
  private static final double MIB = 1 << 20;

  private final ServerProcess server;
  private final OutpostClient client;
  private final Corpus corpus;
  private final Clock clock = Clock.systemUTC();

  TcpPhase(ServerProcess server, OutpostClient client, Corpus corpus) {
    this.server = server;
    this.client = client;
    this.corpus = corpus;
  }

  /** What the phase measured; CPU in nanoseconds, times in seconds. */
  private record Outcome(
      TcpLoad.Result sent,
      double accepted,
      double indexed,
      double acceptedAll,
      double searchable,
      double allIndexed,
      double wall,
      long serverCpu,
      long generatorCpu,
      long benchCpu,
      long machineCpu,
      double fsyncs,
      double fsyncSeconds,
      long peakRss,
      ThreadCpuDelta threads,
      List<Map<String, Double>> perSecond) {}

  /** Runs the phase; returns the messages it sent (all accepted once it returns). */
  long run(Report report, BenchOptions opts, String runId)
      throws IOException, InterruptedException {
    long pid = server.pid();
    long self = ProcessHandle.current().pid();
    Metrics m0 = client.metrics();
    long cpu0 = ProcStats.cpuNanos(pid);
    long self0 = ProcStats.cpuNanos(self);
    long machine0 = ProcStats.machineBusyNanos();
    var threads0 = ProcStats.threadCpu(pid);
    TcpLoad load = new TcpLoad(new InetSocketAddress("127.0.0.1", server.tcpPort()), corpus, clock);
    Outcome o;
    try (Sampler sampler = new Sampler(client, server, "tcp")) {
      TcpLoad.Result sent = load.run(opts.connections(), opts.seconds(), Long.MAX_VALUE, runId);
      Metrics m1 = client.metrics();
      long generatorCpu = ProcStats.cpuNanos(self) - self0;
      double searchable = awaitMarkers(sent);
      double allIndexed = awaitIndexed(m0, sent.messages(), "tcp", sent.end());
      Instant caughtUp = clock.instant();
      long serverCpu = ProcStats.cpuNanos(pid) - cpu0;
      long machineCpu = ProcStats.machineBusyNanos() - machine0;
      long benchCpu = ProcStats.cpuNanos(self) - self0;
      var threads = ThreadCpuDelta.between(threads0, ProcStats.threadCpu(pid));
      Metrics m2 = client.metrics();
      o =
          new Outcome(
              sent,
              Meters.sum(m1, Meters.ACCEPTED, "tcp") - Meters.sum(m0, Meters.ACCEPTED, "tcp"),
              Meters.sum(m1, Meters.INDEXED) - Meters.sum(m0, Meters.INDEXED),
              Meters.sum(m2, Meters.ACCEPTED, "tcp") - Meters.sum(m0, Meters.ACCEPTED, "tcp"),
              searchable,
              allIndexed,
              Duration.between(sent.start(), caughtUp).toNanos() / 1e9,
              serverCpu,
              generatorCpu,
              benchCpu,
              machineCpu,
              timer(m1, Meters.JOURNAL_FSYNC, "_count") - timer(m0, Meters.JOURNAL_FSYNC, "_count"),
              timer(m1, Meters.JOURNAL_FSYNC, "_sum") - timer(m0, Meters.JOURNAL_FSYNC, "_sum"),
              ProcStats.peakRssBytes(pid),
              threads,
              sampler.rates());
    }
    report(report, opts, o);
    return o.sent().messages();
  }

  private static void report(Report report, BenchOptions opts, Outcome o) {
    double secs = o.sent().seconds();
    long n = o.sent().messages();
    report.section(
        "tcp",
        "TCP ingest: " + opts.connections() + " connections, octet-counted RFC 5424, full speed");
    report.number("send_seconds", "sending time", secs, "s");
    report.number("sent_messages", "messages sent (incl. 1 marker per connection)", n, "msgs");
    report.number("sent_per_s", "sent rate (client side)", n / secs, "msgs/s");
    report.number("sent_mib_per_s", "sent bytes rate", o.sent().bytes() / secs / MIB, "MiB/s");
    report.number(
        "accepted_per_s",
        "ACCEPTED rate (journaled, while sending)",
        o.accepted() / secs,
        "msgs/s");
    report.number("indexed_per_s", "INDEXED rate (while sending)", o.indexed() / secs, "msgs/s");
    report.number(
        "indexed_sustained_per_s", "indexed rate, start to all searchable", n / o.wall(), "msgs/s");
    report.number(
        "searchable_after_s",
        "last msg of each conn. searchable after",
        o.searchable(),
        "s after send end");
    report.number(
        "all_indexed_after_s",
        "documents indexed == accepted after",
        o.allIndexed(),
        "s after send end");
    report.number("accepted_total", "accepted in all (must equal sent)", o.acceptedAll(), "msgs");
    report.number(
        "server_cpu_s", "server CPU (utime+stime), start to caught up", o.serverCpu() / 1e9, "s");
    report.number(
        "server_cores", "server cores busy on average", o.serverCpu() / 1e9 / o.wall(), "cores");
    report.number(
        "server_cpu_us_per_msg", "server CPU per message", o.serverCpu() / 1e3 / n, "us/msg");
    report.number(
        "generator_cpu_us_per_msg",
        "generator CPU per message (bench JVM)",
        o.generatorCpu() / 1e3 / n,
        "us/msg");
    report.number(
        "other_cores",
        "other processes' cores busy meanwhile",
        (o.machineCpu() - o.serverCpu() - o.benchCpu()) / 1e9 / o.wall(),
        "cores");
    report.number("fsyncs_per_s", "journal fsyncs while sending", o.fsyncs() / secs, "/s");
    report.number("fsync_mean_ms", "journal fsync mean", 1e3 * o.fsyncSeconds() / o.fsyncs(), "ms");
    report.number(
        "messages_per_fsync",
        "messages per fsync (group commit)",
        o.accepted() / o.fsyncs(),
        "msgs");
    report.number("peak_rss_mib", "server peak RSS (VmHWM)", o.peakRss() / MIB, "MiB");
    report.fact(
        "server_cpu_by_thread_s", "server CPU s by thread group (top 10)", o.threads().top(10));
    report.data("per_second", o.perSecond());
    report.note("per second while sending: accepted " + spread(o, "accepted_per_s", secs));
    report.note("per second while sending: indexed  " + spread(o, "indexed_per_s", secs));
  }

  /** A timer's {@code _count} or {@code _sum} series (Prometheus names timers in seconds). */
  private static double timer(Metrics m, String meter, String suffix) {
    return m.sum(meter.replace('.', '_') + "_seconds" + suffix);
  }

  /** "min .. median .. max" of one per-second rate over the sending time. */
  private static String spread(Outcome o, String key, double sendSeconds) {
    List<Double> values = new ArrayList<>();
    for (Map<String, Double> row : o.perSecond()) {
      if (row.get("t") <= sendSeconds + 1) {
        values.add(row.get(key));
      }
    }
    if (values.isEmpty()) {
      return "n/a";
    }
    Collections.sort(values);
    return String.format(
        Locale.ROOT,
        "min %,.0f  median %,.0f  max %,.0f msgs/s",
        values.get(0),
        values.get(values.size() / 2),
        values.get(values.size() - 1));
  }

  /**
   * Seconds from the end of sending until every connection's marker token is searchable. Searches
   * for one marker per poll, so the polling itself costs the server little.
   */
  private double awaitMarkers(TcpLoad.Result sent) throws IOException, InterruptedException {
    String from = sent.start().minus(Duration.ofHours(1)).toString();
    List<String> waiting = new ArrayList<>(sent.markers());
    long limit = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
    while (!waiting.isEmpty()) {
      String to = clock.instant().plus(Duration.ofHours(1)).toString();
      if (searchFound(waiting.get(0), from, to)) {
        waiting.remove(0);
        continue;
      }
      if (System.nanoTime() > limit) {
        return Double.NaN;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return Duration.between(sent.end(), clock.instant()).toNanos() / 1e9;
  }

  private boolean searchFound(String token, String from, String to) {
    try {
      return client.searchTotal(token, from, to) > 0;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Seconds from {@code since} until the server accepted {@code expected} more {@code transport}
   * messages than in {@code before} and indexed as many; NaN after {@link #CATCH_UP_LIMIT}.
   */
  double awaitIndexed(Metrics before, long expected, String transport, Instant since)
      throws IOException, InterruptedException {
    return awaitIndexed(client, clock, before, expected, transport, since);
  }

  static double awaitIndexed(
      OutpostClient client,
      Clock clock,
      Metrics before,
      long expected,
      String transport,
      Instant since)
      throws IOException, InterruptedException {
    long limit = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
    double acc0 = Meters.sum(before, Meters.ACCEPTED, transport);
    double idx0 = Meters.sum(before, Meters.INDEXED);
    while (System.nanoTime() < limit) {
      Metrics m = client.metrics();
      double accepted = Meters.sum(m, Meters.ACCEPTED, transport) - acc0;
      double indexed = Meters.sum(m, Meters.INDEXED) - idx0;
      if (accepted >= expected && indexed >= accepted) {
        return Duration.between(since, clock.instant()).toNanos() / 1e9;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return Double.NaN;
  }
}
