package outpost.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The end-to-end benchmark: starts Outpost servers from the runnable jar, loads them over TCP and
 * UDP, measures queries, and prints (and with {@code --save} writes) the report. See
 * bench/README.md for what each number means.
 */
public final class EndToEndBenchmark {
  /** The server JVM flags bin/outpost uses; --server-opt adds to them. */
  private static final List<String> SERVER_JVM_OPTIONS =
      List.of("-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED");

  private EndToEndBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(BenchOptions.USAGE);
      return;
    }
    BenchOptions opts;
    try {
      opts = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.print(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    if (!Files.isRegularFile(opts.jar())) {
      System.err.println("bench: server jar " + opts.jar() + " not found; build it first");
      System.exit(2);
    }
    run(opts);
  }

  private static void run(BenchOptions opts) throws IOException, InterruptedException {
    Corpus corpus = Corpus.load(opts.corpus(), opts.hosts());
    Path work =
        opts.workDir() != null
            ? Files.createDirectories(opts.workDir())
            : Files.createTempDirectory("outpost-bench-");
    String runId = "bench" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    Report report = new Report(System.out);
    describeRun(report, opts, corpus, work);
    Instant since = Instant.now();
    try {
      if (opts.phases().contains("tcp") || opts.phases().contains("query")) {
        ingestAndQuery(report, opts, corpus, work, runId, since);
      }
      if (opts.phases().contains("tail")) {
        try (ServerProcess server = start(opts, work.resolve("tail"))) {
          new TailPhase(server, new OutpostClient(server.webPort(), ServerProcess.PASSWORD), corpus)
              .run(report, opts, runId);
        }
      }
      if (opts.phases().contains("udp")) {
        try (ServerProcess server = start(opts, work.resolve("udp"))) {
          new UdpPhase(server, new OutpostClient(server.webPort(), ServerProcess.PASSWORD), corpus)
              .run(report, opts);
        }
      }
    } finally {
      if (!opts.keep()) {
        deleteTree(work);
      }
    }
    if (opts.save()) {
      String stamp =
          DateTimeFormatter.ISO_INSTANT
              .format(since.truncatedTo(ChronoUnit.SECONDS))
              .replace(':', '-');
      Path file = opts.resultsDir().resolve(stamp + ".json");
      report.writeJson(file);
      System.out.println("\nsaved " + file);
    }
  }

  private static void ingestAndQuery(
      Report report, BenchOptions opts, Corpus corpus, Path work, String runId, Instant since)
      throws IOException, InterruptedException {
    ServerProcess server = start(opts, work.resolve("ingest"));
    long accepted;
    long documents;
    long peakRss;
    try (server) {
      OutpostClient client = new OutpostClient(server.webPort(), ServerProcess.PASSWORD);
      long stored = 0;
      if (opts.phases().contains("tcp")) {
        stored = new TcpPhase(server, client, corpus).run(report, opts, runId);
      }
      if (opts.phases().contains("query")) {
        new QueryPhase(server, client, corpus).run(report, opts, runId, stored, since);
      }
      accepted = (long) Meters.sum(client.metrics(), Meters.ACCEPTED);
      // more than accepted when a kept --work-dir was reused
      documents =
          Math.max(
              accepted,
              client
                  .health()
                  .path("components")
                  .path("index")
                  .path("details")
                  .path("documents")
                  .asLong());
      peakRss = ProcStats.peakRssBytes(server.pid());
    }
    // closed: SIGTERM made the server commit, so the index on disk is complete
    double rawMessage = corpus.encode(0, false).bytes(0, corpus.size()) / (double) corpus.size();
    double rawBody = corpus.bodyBytes() / (double) corpus.size();
    long index = server.diskBytes("index");
    report.section("disk", "Disk, after a graceful stop (SIGTERM)");
    report.number("messages", "messages accepted by this server", accepted, "msgs");
    report.number("documents", "documents in the store", documents, "docs");
    report.number("raw_message_bytes", "raw bytes per message (RFC 5424 frame)", rawMessage, "B");
    report.number("raw_body_bytes", "raw bytes per message (access-log line only)", rawBody, "B");
    report.number("index_bytes", "index directory size", index, "B");
    report.number(
        "index_bytes_per_message", "INDEX BYTES PER MESSAGE", index / (double) documents, "B");
    report.number(
        "index_to_raw",
        "index bytes / raw frame bytes",
        index / (double) documents / rawMessage,
        "x");
    report.number(
        "data_dir_bytes", "whole data directory (index + journal + ..)", server.diskBytes(""), "B");
    report.number(
        "peak_rss_mib",
        "server peak RSS over ingest and queries",
        peakRss / (double) (1 << 20),
        "MiB");
    report.number("exit_code", "server exit code (143 = ended by SIGTERM)", server.stop(), "");
  }

  private static ServerProcess start(BenchOptions opts, Path dataDir) throws IOException {
    List<String> jvm = new ArrayList<>(SERVER_JVM_OPTIONS);
    jvm.addAll(opts.serverOptions());
    return ServerProcess.start(opts.jar(), dataDir, opts.heap(), jvm);
  }

  private static void describeRun(Report report, BenchOptions opts, Corpus corpus, Path work) {
    report.section("run", "Outpost end-to-end benchmark");
    report.fact("started", "started", Instant.now().truncatedTo(ChronoUnit.SECONDS));
    report.fact(
        "cores",
        "cores (shared by server and generator)",
        Runtime.getRuntime().availableProcessors());
    report.fact("java", "JDK", System.getProperty("java.vm.name") + " " + Runtime.version());
    report.fact("jar", "server jar", opts.jar().toAbsolutePath().normalize());
    report.fact("heap", "server -Xmx", opts.heap());
    report.fact(
        "corpus",
        "corpus",
        opts.corpus().getFileName() + ", " + corpus.size() + " lines, " + opts.hosts() + " hosts");
    report.fact(
        "seconds", "full-speed send time per load phase", opts.seconds().toSeconds() + " s");
    report.fact("messages", "messages stored before the query phase", opts.messages());
    report.fact("phases", "phases", String.join(",", opts.phases().stream().sorted().toList()));
    report.fact("work_dir", "data directories and server logs", work);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
