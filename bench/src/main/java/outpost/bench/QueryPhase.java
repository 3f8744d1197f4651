package outpost.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Phase 3: tops the store up to the wanted message count over TCP (unmeasured beyond its rate),
 * waits until all of it is indexed, then measures query latency. Not thread-safe.
 */
final class QueryPhase {
  private final ServerProcess server;
  private final OutpostClient client;
  private final Corpus corpus;
  private final Clock clock = Clock.systemUTC();

  /** Terms the search page is measured with: in 0.1 %, 2 % and 83 % of the corpus lines. */
  static final java.util.List<String> PAGE_QUERIES =
      java.util.List.of("wp-login.php", "404", "mozilla");

  QueryPhase(ServerProcess server, OutpostClient client, Corpus corpus) {
    this.server = server;
    this.client = client;
    this.corpus = corpus;
  }

  /**
   * Runs the phase.
   *
   * @param stored messages already in the store
   * @param since the earliest timestamp in the store (the range the queries cover starts here)
   */
  void run(Report report, BenchOptions opts, String runId, long stored, Instant since)
      throws IOException, InterruptedException {
    report.section(
        "query",
        "Queries over the whole store, "
            + opts.runs()
            + " runs each after "
            + opts.warmup()
            + " warm-up");
    long held =
        client.searchTotal("", "1970-01-01T00:00:00Z", clock.instant().plusSeconds(60).toString());
    if (held > stored) {
      // a kept --work-dir from an earlier run: count what it holds, query the last 24 h
      report.number(
          "reused_messages", "messages already in the reused data directory", held, "msgs");
      stored = held;
      since = clock.instant().minus(Duration.ofHours(24));
    }
    long missing = opts.messages() - stored;
    if (missing > 0) {
      Metrics m0 = client.metrics();
      TcpLoad load =
          new TcpLoad(new InetSocketAddress("127.0.0.1", server.tcpPort()), corpus, clock);
      TcpLoad.Result fill = load.run(opts.connections(), opts.fillLimit(), missing, runId + "fill");
      double caughtUp =
          TcpPhase.awaitIndexed(client, clock, m0, fill.messages(), "tcp", fill.end());
      double wall = fill.seconds() + caughtUp;
      report.number("fill_messages", "top-up messages sent over TCP", fill.messages(), "msgs");
      report.number(
          "fill_indexed_per_s",
          "top-up rate, start to all indexed",
          fill.messages() / wall,
          "msgs/s");
      stored += fill.messages();
      if (fill.messages() < missing) {
        report.note(
            "the top-up stopped at --fill-minutes "
                + opts.fillLimit().toMinutes()
                + ": the store holds fewer than --messages "
                + opts.messages());
      }
    }
    Metrics m = client.metrics();
    report.number(
        "documents", "documents indexed in the store", Meters.sum(m, Meters.INDEXED), "docs");
    String from = since.minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS).toString();
    String to =
        clock.instant().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS).toString();
    report.fact("range", "time range of every query", from + " .. " + to);
    QueryLatency latency = new QueryLatency(client, opts.warmup(), opts.runs());
    for (QueryLatency.Query q : QueryLatency.standard()) {
      QueryLatency.Stats s = latency.measure(q, from, to);
      String key = q.name().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("_+$", "").toLowerCase();
      report.data(key, s);
      report.note(
          String.format(
              java.util.Locale.ROOT,
              "%-30s p50 %8.1f ms  p90 %8.1f ms  p99 %8.1f ms  max %8.1f ms   %s",
              q.name(),
              s.p50(),
              s.p90(),
              s.p99(),
              s.max(),
              s.answer()));
    }
    searchPage(report, opts);
  }

  /** The search page's calls at once, for a rare, a medium and a common term over 24 h. */
  private void searchPage(Report report, BenchOptions opts)
      throws IOException, InterruptedException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String from = now.minus(Duration.ofHours(24)).toString();
    String to = now.toString();
    report.fact(
        "page_range", "search page: search, histogram, top-values at once", from + " .. " + to);
    try (SearchPageLatency page = new SearchPageLatency(client, opts.warmup(), opts.runs())) {
      for (String q : PAGE_QUERIES) {
        SearchPageLatency.Stats s = page.measure(q, from, to);
        report.data("page_" + q.replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(), s);
        report.note(SearchPageLatency.format(s));
      }
    }
  }
}
