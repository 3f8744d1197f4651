package outpost.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Phase {@code tail}: live-tail latency end to end. One SSE client subscribes to the run's marker
 * query on {@code /api/tail}; one TCP connection sends the corpus at {@code --tail-rate} (default
 * 20,000 msgs/s) for {@code --seconds}, every 100th message a marker. Latency is from the moment
 * the sender writes a marker to the moment its hit is read from the stream (same machine, same
 * clock), so it includes syslog decoding, the journal's fsync, matching and the stream's batching
 * (hits at most every 250 ms). Not thread-safe.
 */
final class TailPhase {
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final ServerProcess server;
  private final OutpostClient client;
  private final Corpus corpus;

  TailPhase(ServerProcess server, OutpostClient client, Corpus corpus) {
    this.server = server;
    this.client = client;
    this.corpus = corpus;
  }

  void run(Report report, BenchOptions opts, String runId)
      throws IOException, InterruptedException {
    int rate = opts.tailRate();
    report.section("tail", "Live tail latency, end to end (TCP syslog -> /api/tail SSE)");
    report.fact("rate", "target ingest rate", rate + " msgs/s over 1 TCP connection");
    report.fact("markers", "markers", "every " + TailTraffic.MARKER_EVERY + "th message");
    int capacity = (int) (opts.seconds().toSeconds() * rate / TailTraffic.MARKER_EVERY) + 16;
    LatencySamples samples = new LatencySamples(capacity);
    double acceptedBefore = Meters.sum(client.metrics(), Meters.ACCEPTED);
    long[] sent;
    try (TailStreamClient stream = new TailStreamClient(samples)) {
      stream.open(server.webPort(), ServerProcess.PASSWORD, TailTraffic.markerQuery(runId));
      PacedTcpSender sender =
          new PacedTcpSender(
              new InetSocketAddress("127.0.0.1", server.tcpPort()), corpus, runId, samples);
      sent = sender.run(rate, opts.seconds());
      long deadline = System.nanoTime() + GRACE.toNanos();
      while (samples.deliveredCount() < samples.sentCount() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      }
      report.number("sent", "messages sent", sent[0], "msgs");
      report.number("achieved_rate", "achieved send rate", sent[0] / (sent[1] / 1e9), "msgs/s");
      double accepted = Meters.sum(client.metrics(), Meters.ACCEPTED) - acceptedBefore;
      report.number("accepted", "accepted by the server (metrics)", accepted, "msgs");
      report.number("stream_matched", "stream's matched (server)", stream.matched(), "");
      report.number("stream_dropped", "stream's dropped (server)", stream.dropped(), "");
      if (stream.failure() != null) {
        report.fact("stream_failure", "stream ended early", stream.failure());
      }
    }
    TailTraffic.report(report, samples);
  }
}
