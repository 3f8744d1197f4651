package outpost.bench.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import outpost.bench.Corpus;

/**
 * The side-by-side benchmark of issue 7: on the same machine, the same corpus and in the same run,
 * Outpost on its embedded Lucene store, Outpost on OpenSearch, and OpenSearch fed directly through
 * {@code _bulk}, one after another, each on fresh data directories (and a fresh OpenSearch node).
 * Prints each contender's details, the Markdown table for the README and the goal check; with
 * {@code --save} also a JSON file. See the README section "Benchmark: embedded Lucene vs
 * OpenSearch".
 */
public final class StoreComparison {
  static final String LUCENE = "Outpost, embedded Lucene";
  static final String OUTPOST_OS = "Outpost on OpenSearch";
  static final String DIRECT = "OpenSearch, direct _bulk";

  private StoreComparison() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(ComparisonOptions.USAGE);
      return;
    }
    int table = List.of(args).indexOf("--table");
    if (table >= 0) {
      printSaved(args, table);
      return;
    }
    ComparisonOptions opts;
    try {
      opts = ComparisonOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.print(ComparisonOptions.USAGE);
      System.exit(2);
      return;
    }
    List<Path> needed = new ArrayList<>(List.of(opts.jar(), opts.corpus()));
    if (!opts.contenders().equals(List.of("lucene"))) {
      needed.add(opts.openSearchHome().resolve("bin/opensearch"));
    }
    for (Path p : needed) {
      if (!Files.exists(p)) {
        System.err.println("bench: " + p + " not found");
        System.exit(2);
      }
    }
    run(opts);
  }

  private static void run(ComparisonOptions opts) throws IOException {
    Corpus corpus = Corpus.load(opts.corpus(), opts.hosts());
    Path work =
        opts.workDir() != null
            ? Files.createDirectories(opts.workDir())
            : Files.createTempDirectory("outpost-os-bench-");
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("started", started.toString());
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    json.put("options", opts.toString());
    say(
        "store comparison: %,d messages per contender, corpus %s (%d lines, %d hosts), %d cores",
        opts.messages(),
        opts.corpus().getFileName(),
        corpus.size(),
        opts.hosts(),
        Runtime.getRuntime().availableProcessors());
    say(
        "Outpost -Xmx%s, OpenSearch -Xms/-Xmx%s, %d connections, %d docs per bulk, work %s",
        opts.heap(), opts.openSearchHeap(), opts.connections(), opts.bulkDocuments(), work);
    List<ContenderResult> results = new ArrayList<>();
    List<Map<String, Object>> runs = new ArrayList<>();
    String runId = "osbench" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    for (String c : opts.contenders()) {
      String load = loadAverage();
      say("%n== %s (load average before: %s)", c, load);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("contender", c);
      entry.put("load_before", load);
      try {
        ContenderResult r = runOne(c, opts, corpus, work.resolve(c), runId + c.length());
        results.add(r);
        entry.put("result", r);
        describe(r);
      } catch (IOException | RuntimeException e) {
        say("  FAILED: %s", e);
        entry.put("failed", String.valueOf(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      entry.put("load_after", loadAverage());
      say("  load average after: %s", entry.get("load_after"));
      runs.add(entry);
    }
    double rawMessage = rawMessageBytes(corpus);
    double rawBody = corpus.bodyBytes() / (double) corpus.size();
    String table =
        results.isEmpty()
            ? "(no contender finished)\n"
            : ComparisonTable.markdown(results, rawMessage, rawBody);
    say("%n== Table%n%s", table);
    List<String> goals = goals(results);
    goals.forEach(g -> say("  %s", g));
    json.put("runs", runs);
    json.put("table", table);
    json.put("goals", goals);
    if (opts.save()) {
      Path file =
          opts.resultsDir().resolve("opensearch-" + started.toString().replace(':', '-') + ".json");
      Files.createDirectories(file.toAbsolutePath().getParent());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
      say("%nsaved %s", file);
    }
    if (!opts.keep()) {
      Trees.delete(work);
    }
  }

  /**
   * {@code --table FILE..}: the table and goal check of contenders saved by earlier runs, side by
   * side in the order given; the other options only name the corpus (for the raw sizes).
   */
  private static void printSaved(String[] args, int table) throws IOException {
    List<String> before = new ArrayList<>(List.of(args).subList(0, table));
    List<ContenderResult> results = new ArrayList<>();
    for (String file : List.of(args).subList(table + 1, args.length)) {
      for (SavedResults.Saved s : SavedResults.read(Path.of(file))) {
        say(
            "%s: run started %s, load average %s before, %s after",
            s.result().name(), s.started(), s.loadBefore(), s.loadAfter());
        results.add(s.result());
      }
    }
    Corpus corpus =
        Corpus.load(ComparisonOptions.parse(before.toArray(String[]::new)).corpus(), 40);
    say(
        "%n%s",
        ComparisonTable.markdown(
            results, rawMessageBytes(corpus), corpus.bodyBytes() / (double) corpus.size()));
    goals(results).forEach(g -> say("  %s", g));
  }

  private static ContenderResult runOne(
      String contender, ComparisonOptions opts, Corpus corpus, Path dir, String runId)
      throws IOException, InterruptedException {
    Path javaHome = Path.of(System.getProperty("java.home"));
    return switch (contender) {
      case "lucene" -> new OutpostContender(opts, corpus).run(LUCENE, dir, null, runId);
      case "outpost-opensearch" -> {
        try (OpenSearchProcess os =
            OpenSearchProcess.start(
                opts.openSearchHome(),
                dir.resolve("opensearch"),
                opts.openSearchHeap(),
                javaHome)) {
          yield new OutpostContender(opts, corpus).run(OUTPOST_OS, dir, os, runId);
        }
      }
      case "bulk" -> {
        try (OpenSearchProcess os =
            OpenSearchProcess.start(
                opts.openSearchHome(),
                dir.resolve("opensearch"),
                opts.openSearchHeap(),
                javaHome)) {
          yield new BulkContender(opts, corpus).run(DIRECT, os);
        }
      }
      default -> throw new IllegalArgumentException("unknown contender " + contender);
    };
  }

  private static void describe(ContenderResult r) {
    say(
        "  %,d messages searchable after %.1f s: %,.0f msgs/s",
        r.messages(), r.seconds(), r.messagesPerSecond());
    say(
        "  CPU s per 1M msgs: Outpost %s, OpenSearch %s, load generator %s; other cores %.2f",
        ComparisonTable.decimal(r.cpuSecondsPerMillion(r.outpostCpuNanos())),
        ComparisonTable.decimal(r.cpuSecondsPerMillion(r.openSearchCpuNanos())),
        ComparisonTable.decimal(r.cpuSecondsPerMillion(r.loadCpuNanos())),
        r.otherCores());
    say(
        "  index %,d B (%.1f B/msg), all data %,d B; peak RSS Outpost %,d MiB, OpenSearch %,d MiB",
        r.indexBytes(),
        r.indexBytesPerMessage(),
        r.dataBytes(),
        r.outpostPeakRss() >> 20,
        r.openSearchPeakRss() >> 20);
    for (QueryTimer.Latency l : r.latencies()) {
      say(
          "  %-32s p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms  %s",
          l.query(), l.p50(), l.p99(), l.max(), l.answer());
    }
  }

  private static List<String> goals(List<ContenderResult> results) {
    ContenderResult lucene = find(results, LUCENE);
    List<String> out = new ArrayList<>();
    if (lucene == null) {
      return out;
    }
    for (String other : List.of(DIRECT, OUTPOST_OS)) {
      ContenderResult o = find(results, other);
      if (o != null) {
        out.addAll(ComparisonTable.goals(lucene, o));
      }
    }
    return out;
  }

  private static ContenderResult find(List<ContenderResult> results, String name) {
    return results.stream().filter(r -> r.name().startsWith(name)).findFirst().orElse(null);
  }

  private static double rawMessageBytes(Corpus corpus) {
    Instant now = Instant.now();
    long sum = 0;
    for (int i = 0; i < corpus.size(); i++) {
      sum += corpus.message(i, now).getBytes(StandardCharsets.UTF_8).length;
    }
    return sum / (double) corpus.size();
  }

  /** The 1, 5 and 15 minute load averages from /proc/loadavg. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void say(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
