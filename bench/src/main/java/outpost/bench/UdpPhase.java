package outpost.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Phase 2: the corpus over UDP at full speed for a fixed time; reports sent vs received vs dropped
 * (Outpost's counters and the kernel's) and the loss. Not thread-safe.
 */
final class UdpPhase {
  private static final long DRAIN_POLL_MILLIS = 250;
  private static final int QUIET_POLLS = 4;

  private final ServerProcess server;
  private final OutpostClient client;
  private final Corpus corpus;
  private final Clock clock = Clock.systemUTC();

  UdpPhase(ServerProcess server, OutpostClient client, Corpus corpus) {
    this.server = server;
    this.client = client;
    this.corpus = corpus;
  }

  /** What the phase measured: counter deltas, kernel counter deltas, CPU in nanoseconds. */
  private record Outcome(
      UdpLoad.Result sent,
      double received,
      double accepted,
      double dropped,
      Map<String, Double> droppedByReason,
      long rcvbufErrors,
      long inErrors,
      long serverCpu,
      long peakRss,
      List<Map<String, Double>> perSecond) {}

  void run(Report report, BenchOptions opts) throws IOException, InterruptedException {
    Map<String, Long> kernel0 = ProcStats.udpCounters();
    Metrics m0 = client.metrics();
    long cpu0 = ProcStats.cpuNanos(server.pid());
    UdpLoad load = new UdpLoad(new InetSocketAddress("127.0.0.1", server.udpPort()), corpus, clock);
    Outcome o;
    try (Sampler sampler = new Sampler(client, server, "udp")) {
      UdpLoad.Result sent = load.run(opts.udpSenders(), opts.seconds());
      Metrics m1 = drain(m0);
      Map<String, Long> kernel1 = ProcStats.udpCounters();
      o =
          new Outcome(
              sent,
              delta(m0, m1, Meters.RECEIVED),
              delta(m0, m1, Meters.ACCEPTED),
              delta(m0, m1, Meters.DROPPED),
              nonZero(m1.series(Meters.prometheusName(m1, Meters.DROPPED))),
              kernel1.get("RcvbufErrors") - kernel0.get("RcvbufErrors"),
              kernel1.get("InErrors") - kernel0.get("InErrors"),
              ProcStats.cpuNanos(server.pid()) - cpu0,
              ProcStats.peakRssBytes(server.pid()),
              sampler.rates());
    }
    report(report, opts, o);
  }

  private static void report(Report report, BenchOptions opts, Outcome o) {
    double secs = o.sent().seconds();
    long n = o.sent().messages();
    report.section(
        "udp", "UDP ingest: " + opts.udpSenders() + " sender(s), RFC 5424 datagrams, full speed");
    report.number("send_seconds", "sending time", secs, "s");
    report.number("sent", "datagrams sent", n, "msgs");
    report.number("sent_per_s", "sent rate (client side)", n / secs, "msgs/s");
    report.number("send_errors", "sends the kernel refused", o.sent().errors(), "msgs");
    report.number("received", "received by Outpost (ingest.messages)", o.received(), "msgs");
    report.number("received_per_s", "received rate", o.received() / secs, "msgs/s");
    report.number("accepted", "accepted (journaled)", o.accepted(), "msgs");
    report.number("accepted_per_s", "ACCEPTED rate", o.accepted() / secs, "msgs/s");
    report.number("dropped_outpost", "dropped by Outpost (all reasons)", o.dropped(), "msgs");
    report.fact("dropped_by_reason", "dropped by reason (whole server)", o.droppedByReason());
    report.number(
        "kernel_rcvbuf_errors", "kernel RcvbufErrors (machine-wide)", o.rcvbufErrors(), "msgs");
    report.number("kernel_in_errors", "kernel InErrors (machine-wide)", o.inErrors(), "msgs");
    report.number(
        "unaccounted",
        "sent - received - kernel drops",
        n - o.received() - o.rcvbufErrors(),
        "msgs");
    report.number(
        "loss_percent", "UDP LOSS (sent - accepted) / sent", 100.0 * (n - o.accepted()) / n, "%");
    report.number(
        "server_cpu_us_per_msg",
        "server CPU per received message",
        o.serverCpu() / 1e3 / Math.max(1, o.received()),
        "us/msg");
    report.number(
        "peak_rss_mib", "server peak RSS (VmHWM)", o.peakRss() / (double) (1 << 20), "MiB");
    report.number(
        "rmem_max",
        "net.core.rmem_max (caps SO_RCVBUF)",
        ProcStats.sysctl("/proc/sys/net/core/rmem_max"),
        "bytes");
    report.data("per_second", o.perSecond());
  }

  /** Waits until Outpost's received counter has stood still for a while and indexing caught up. */
  private Metrics drain(Metrics m0) throws IOException, InterruptedException {
    double last = -1;
    int quiet = 0;
    long limit = System.nanoTime() + TcpPhase.CATCH_UP_LIMIT.toNanos();
    Metrics m = client.metrics();
    while (System.nanoTime() < limit) {
      m = client.metrics();
      double received = Meters.sum(m, Meters.RECEIVED, "udp");
      double accepted = delta(m0, m, Meters.ACCEPTED);
      double settled = accepted + delta(m0, m, Meters.DROPPED);
      double indexed = Meters.sum(m, Meters.INDEXED) - Meters.sum(m0, Meters.INDEXED);
      boolean done = settled >= delta(m0, m, Meters.RECEIVED) && indexed >= accepted;
      quiet = received == last && done ? quiet + 1 : 0;
      if (quiet >= QUIET_POLLS) {
        return m;
      }
      last = received;
      Thread.sleep(DRAIN_POLL_MILLIS);
    }
    return m;
  }

  private static Map<String, Double> nonZero(Map<String, Double> series) {
    Map<String, Double> out = new TreeMap<>(series);
    out.values().removeIf(v -> v == 0);
    return out;
  }

  private static double delta(Metrics before, Metrics after, String meter) {
    return Meters.sum(after, meter, "udp") - Meters.sum(before, meter, "udp");
  }
}
