package outpost.bench.opensearch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import outpost.bench.Corpus;
import outpost.bench.OutpostClient;
import outpost.bench.ProcStats;
import outpost.bench.ServerProcess;
import outpost.bench.TcpLoad;

/**
 * Outpost as a real server process, on its embedded Lucene store or on an OpenSearch node: the
 * corpus over syslog TCP (octet-counted RFC 5424) until the budget is sent, then the wait until
 * Outpost's search counts every message; CPU of the server and of the OpenSearch JVM over that
 * time, the comparison queries through Outpost's API, peak RSS, and the disk after a graceful stop
 * (and, on OpenSearch, a refresh and flush). Not thread-safe.
 */
final class OutpostContender {
  /** The server JVM flags bin/outpost uses. */
  private static final List<String> SERVER_JVM_OPTIONS =
      List.of("-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED");

  /** The longest ingest may take before the run gives up on the contender. */
  private static final Duration SEND_LIMIT = Duration.ofHours(2);

  private static final Duration SEARCHABLE_LIMIT = Duration.ofMinutes(30);
  private static final long POLL_MILLIS = 100;

  private final ComparisonOptions opts;
  private final Corpus corpus;
  private final Clock clock = Clock.systemUTC();

  OutpostContender(ComparisonOptions opts, Corpus corpus) {
    this.opts = opts;
    this.corpus = corpus;
  }

  /**
   * Runs one contender.
   *
   * @param os the OpenSearch node Outpost stores into, or null for the embedded Lucene store
   */
  ContenderResult run(String name, Path dir, OpenSearchProcess os, String runId)
      throws IOException, InterruptedException {
    Map<String, String> env = os == null ? Map.of() : OpenSearchWiring.env(os.http().base());
    List<String> jvm = new ArrayList<>(SERVER_JVM_OPTIONS);
    ServerProcess server =
        ServerProcess.start(opts.jar(), dir.resolve("outpost"), opts.heap(), jvm, env);
    CpuWindow window;
    List<QueryTimer.Latency> latencies = new ArrayList<>();
    long outpostRss;
    long messages;
    double seconds;
    try (server) {
      OutpostClient client = new OutpostClient(server.webPort(), ServerProcess.PASSWORD);
      window = CpuWindow.open(server.pid(), os == null ? -1 : os.pid());
      TcpLoad load =
          new TcpLoad(new InetSocketAddress("127.0.0.1", server.tcpPort()), corpus, clock);
      TcpLoad.Result sent = load.run(opts.connections(), SEND_LIMIT, opts.messages(), runId);
      Instant from = sent.start().minus(Duration.ofMinutes(1));
      messages = awaitSearchable(client, sent.messages(), from);
      window.close();
      seconds = Duration.between(sent.start(), clock.instant()).toNanos() / 1e9;
      Instant to = clock.instant().plus(Duration.ofMinutes(1));
      QueryTimer timer = new QueryTimer(opts.warmup(), opts.runs());
      for (ComparisonQuery q : ComparisonQuery.standard()) {
        latencies.add(timer.measure(QueryTargets.outpost(client), q, from, to));
      }
      outpostRss = ProcStats.peakRssBytes(server.pid());
    }
    // stopped with SIGTERM: the server committed its index and shipped what it journaled
    long indexBytes;
    long dataBytes = server.diskBytes("");
    long osRss = -1;
    if (os == null) {
      indexBytes = server.diskBytes("index");
    } else {
      os.http().refreshAndFlush(OpenSearchWiring.INDEX_PATTERN);
      indexBytes = os.http().storeBytes(OpenSearchWiring.INDEX_PATTERN);
      dataBytes += os.dataBytes();
      osRss = ProcStats.peakRssBytes(os.pid());
    }
    return new ContenderResult(
        name,
        messages,
        seconds,
        window.cpu(0),
        window.cpu(1),
        window.selfCpu(),
        window.otherCores(),
        indexBytes,
        dataBytes,
        outpostRss,
        osRss,
        latencies);
  }

  /**
   * Waits until a search over everything counts at least {@code expected} messages (all sent,
   * markers included); returns the count.
   */
  private long awaitSearchable(OutpostClient client, long expected, Instant from)
      throws IOException, InterruptedException {
    long limit = System.nanoTime() + SEARCHABLE_LIMIT.toNanos();
    while (true) {
      String to = clock.instant().plus(Duration.ofHours(1)).toString();
      long total = client.searchTotal("", from.toString(), to);
      if (total >= expected) {
        return total;
      }
      if (System.nanoTime() > limit) {
        throw new IOException(
            "only " + total + " of " + expected + " messages searchable after " + SEARCHABLE_LIMIT);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
