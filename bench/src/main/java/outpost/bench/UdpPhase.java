package outpost.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;

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

  void run(Report report, BenchOptions opts) throws IOException, InterruptedException {
    Map<String, Long> kernel0 = ProcStats.udpCounters();
    Metrics m0 = client.metrics();
    long cpu0 = ProcStats.cpuNanos(server.pid());
    UdpLoad load = new UdpLoad(new InetSocketAddress("127.0.0.1", server.udpPort()), corpus, clock);
    UdpLoad.Result sent;
    try (Sampler sampler = new Sampler(client, server, "udp")) {
      sent = load.run(opts.udpSenders(), opts.seconds());
      Metrics m1 = drain(m0);
      Map<String, Long> kernel1 = ProcStats.udpCounters();
      long cpu = ProcStats.cpuNanos(server.pid()) - cpu0;
      double secs = sent.seconds();
      double received = delta(m0, m1, Meters.RECEIVED);
      double accepted = delta(m0, m1, Meters.ACCEPTED);
      double dropped = delta(m0, m1, Meters.DROPPED);
      long rcvbuf = kernel1.get("RcvbufErrors") - kernel0.get("RcvbufErrors");
      long inErrors = kernel1.get("InErrors") - kernel0.get("InErrors");

      report.section(
          "udp", "UDP ingest: " + opts.udpSenders() + " sender(s), RFC 5424 datagrams, full speed");
      report.number("send_seconds", "sending time", secs, "s");
      report.number("sent", "datagrams sent", sent.messages(), "msgs");
      report.number("sent_per_s", "sent rate (client side)", sent.messages() / secs, "msgs/s");
      report.number("send_errors", "sends the kernel refused", sent.errors(), "msgs");
      report.number("received", "received by Outpost (ingest.messages)", received, "msgs");
      report.number("received_per_s", "received rate", received / secs, "msgs/s");
      report.number("accepted", "accepted (journaled)", accepted, "msgs");
      report.number("accepted_per_s", "ACCEPTED rate", accepted / secs, "msgs/s");
      report.number("dropped_outpost", "dropped by Outpost (all reasons)", dropped, "msgs");
      report.fact(
          "dropped_by_reason",
          "dropped by reason",
          m1.series(Meters.prometheusName(m1, Meters.DROPPED)));
      report.number("kernel_rcvbuf_errors", "kernel RcvbufErrors (machine-wide)", rcvbuf, "msgs");
      report.number("kernel_in_errors", "kernel InErrors (machine-wide)", inErrors, "msgs");
      report.number(
          "unaccounted",
          "sent - received - kernel drops",
          sent.messages() - received - rcvbuf,
          "msgs");
      report.number(
          "loss_percent",
          "UDP LOSS (sent - accepted) / sent",
          100.0 * (sent.messages() - accepted) / sent.messages(),
          "%");
      report.number(
          "server_cpu_us_per_msg",
          "server CPU per received message",
          cpu / 1e3 / Math.max(1, received),
          "us/msg");
      report.number(
          "peak_rss_mib",
          "server peak RSS (VmHWM)",
          ProcStats.peakRssBytes(server.pid()) / (double) (1 << 20),
          "MiB");
      report.number(
          "rmem_max",
          "net.core.rmem_max (caps SO_RCVBUF)",
          ProcStats.sysctl("/proc/sys/net/core/rmem_max"),
          "bytes");
      report.data("per_second", sampler.rates());
    }
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

  private static double delta(Metrics before, Metrics after, String meter) {
    return Meters.sum(after, meter, "udp") - Meters.sum(before, meter, "udp");
  }
}
