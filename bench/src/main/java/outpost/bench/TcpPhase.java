package outpost.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Phase 1: the corpus over TCP at full speed for a fixed time, then the wait until the last message
 * of every connection is searchable; reports rates, time to searchable, CPU and RSS. Not
 * thread-safe.
 */
final class TcpPhase {
  /** How long the benchmark waits for the server to catch up before it gives up. */
  static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(15);

  private static final long POLL_MILLIS = 50;

  private final ServerProcess server;
  private final OutpostClient client;
  private final Corpus corpus;
  private final Clock clock = Clock.systemUTC();

  TcpPhase(ServerProcess server, OutpostClient client, Corpus corpus) {
    this.server = server;
    this.client = client;
    this.corpus = corpus;
  }

  /** Runs the phase; returns the messages it sent (all accepted once it returns). */
  long run(Report report, BenchOptions opts, String runId)
      throws IOException, InterruptedException {
    long pid = server.pid();
    Metrics m0 = client.metrics();
    long cpu0 = ProcStats.cpuNanos(pid);
    long self0 = ProcStats.cpuNanos(ProcessHandle.current().pid());
    var threads0 = ProcStats.threadCpu(pid);
    TcpLoad load = new TcpLoad(new InetSocketAddress("127.0.0.1", server.tcpPort()), corpus, clock);
    TcpLoad.Result sent;
    Sampler sampler = new Sampler(client, server, "tcp");
    try (sampler) {
      sent = load.run(opts.connections(), opts.seconds(), Long.MAX_VALUE, runId);
      Metrics m1 = client.metrics();
      long selfCpu = ProcStats.cpuNanos(ProcessHandle.current().pid()) - self0;
      double searchable = awaitMarkers(sent);
      double allIndexed = awaitIndexed(m0, sent.messages(), "tcp", sent.end());
      Instant caughtUp = clock.instant();
      Metrics m2 = client.metrics();
      long cpu = ProcStats.cpuNanos(pid) - cpu0;
      ThreadCpuDelta threads = ThreadCpuDelta.between(threads0, ProcStats.threadCpu(pid));
      double secs = sent.seconds();
      double accepted =
          Meters.sum(m1, Meters.ACCEPTED, "tcp") - Meters.sum(m0, Meters.ACCEPTED, "tcp");
      double indexed = Meters.sum(m1, Meters.INDEXED) - Meters.sum(m0, Meters.INDEXED);
      double acceptedAll =
          Meters.sum(m2, Meters.ACCEPTED, "tcp") - Meters.sum(m0, Meters.ACCEPTED, "tcp");
      double wall = Duration.between(sent.start(), caughtUp).toNanos() / 1e9;

      report.section(
          "tcp",
          "TCP ingest: " + opts.connections() + " connections, octet-counted RFC 5424, full speed");
      report.number("send_seconds", "sending time", secs, "s");
      report.number(
          "sent_messages",
          "messages sent (incl. 1 marker per connection)",
          sent.messages(),
          "msgs");
      report.number("sent_per_s", "sent rate (client side)", sent.messages() / secs, "msgs/s");
      report.number("sent_mib_per_s", "sent bytes rate", sent.bytes() / secs / (1 << 20), "MiB/s");
      report.number(
          "accepted_per_s", "ACCEPTED rate (journaled, while sending)", accepted / secs, "msgs/s");
      report.number("indexed_per_s", "INDEXED rate (while sending)", indexed / secs, "msgs/s");
      report.number(
          "indexed_sustained_per_s",
          "indexed rate, start to all searchable",
          sent.messages() / wall,
          "msgs/s");
      report.number(
          "searchable_after_s",
          "last message of each conn. searchable after",
          searchable,
          "s after send end");
      report.number(
          "all_indexed_after_s",
          "documents indexed == accepted after",
          allIndexed,
          "s after send end");
      report.number("accepted_total", "accepted in all (must equal sent)", acceptedAll, "msgs");
      report.number("server_cpu_s", "server CPU (utime+stime), start to caught up", cpu / 1e9, "s");
      report.number("server_cores", "server cores busy on average", cpu / 1e9 / wall, "cores");
      report.number(
          "server_cpu_us_per_msg", "server CPU per message", cpu / 1e3 / sent.messages(), "us/msg");
      report.number(
          "generator_cpu_us_per_msg",
          "generator CPU per message (this JVM)",
          selfCpu / 1e3 / sent.messages(),
          "us/msg");
      report.number(
          "peak_rss_mib",
          "server peak RSS (VmHWM)",
          ProcStats.peakRssBytes(pid) / (double) (1 << 20),
          "MiB");
      report.fact("server_cpu_by_thread_s", "server CPU s by thread (top 8)", threads.top(8));
      report.data("per_second", sampler.rates());
      List<Double> rates = new ArrayList<>();
      sampler.rates().forEach(r -> rates.add(r.get("accepted_per_s")));
      report.fact("accepted_per_s_each_second", "accepted msgs/s, each second", rates);
    }
    return sent.messages();
  }

  /** Seconds from the end of sending until every connection's marker token is searchable. */
  private double awaitMarkers(TcpLoad.Result sent) throws IOException, InterruptedException {
    String from = sent.start().minus(Duration.ofHours(1)).toString();
    List<String> waiting = new ArrayList<>(sent.markers());
    long limit = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
    while (!waiting.isEmpty()) {
      String to = clock.instant().plus(Duration.ofHours(1)).toString();
      waiting.removeIf(token -> searchFound(token, from, to));
      if (waiting.isEmpty()) {
        break;
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
