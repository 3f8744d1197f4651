package outpost.index;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rough store throughput and size on the Apache corpus: {@code StoreThroughput CORPUS DATA_DIR N}.
 * Not a test; the benchmarks proper live in bench/.
 */
public final class StoreThroughput {
  private static final Pattern COMBINED =
      Pattern.compile(
          "^(\\S+) \\S+ (\\S+) \\[[^\\]]+\\] \"(\\S+) (\\S+) (\\S+)\" (\\d{3}) (\\S+) \"([^\"]*)\" \"([^\"]*)\".*");

  private record Line(String message, String raw, Map<String, String> fields, String host) {}

  public static void main(String[] args) throws Exception {
    List<Line> corpus = load(Path.of(args[0]));
    Path dir = Path.of(args[1]);
    int total = Integer.parseInt(args[2]);
    Instant now = Instant.parse("2026-03-10T23:00:00Z");
    Instant base = now.minus(Duration.ofHours(22));
    long rawBytes = 0;
    StoreConfig config = StoreConfig.defaults(dir);
    LuceneLogStore store =
        LuceneLogStore.open(config, InstantSource.fixed(now), new SimpleMeterRegistry());
    ThreadCpuSampler cpu = new ThreadCpuSampler();
    long start = System.nanoTime();
    int batchSize = 500;
    CompletableFuture<Void> last = null;
    List<LogEvent> batch = new ArrayList<>(batchSize);
    long stepNanos = Duration.ofHours(22).toNanos() / total;
    for (int i = 0; i < total; i++) {
      Line l = corpus.get(i % corpus.size());
      Instant ts = base.plusNanos(stepNanos * i);
      batch.add(
          new LogEvent(
              ts, ts, l.host, "apache", "", "", 16, 6, l.message, l.raw, l.fields, "tcp", ""));
      rawBytes += l.raw.length() + 1;
      if (batch.size() == batchSize || i == total - 1) {
        CompletableFuture<Void> f;
        while ((f = store.tryAppend(batch)) == null) {
          LockSupport.parkNanos(50_000);
        }
        last = f;
        batch = new ArrayList<>(batchSize);
      }
    }
    last.join();
    double acceptedSecs = (System.nanoTime() - start) / 1e9;
    while (store.status().indexedSeq() < total) {
      LockSupport.parkNanos(1_000_000);
    }
    double indexedSecs = (System.nanoTime() - start) / 1e9;
    long t0 = System.nanoTime();
    while (store.search(new SearchRequest("", base, now, 1, "")).total() < total) {
      LockSupport.parkNanos(1_000_000);
    }
    double searchableAfter = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "messages %d: accepted %.0f msg/s (%.1fs), indexed %.0f msg/s (%.1fs), searchable %.2fs after indexed%n",
        total,
        total / acceptedSecs,
        acceptedSecs,
        total / indexedSecs,
        indexedSecs,
        searchableAfter);
    threadCpu(cpu, total);
    cpu.close();
    long tc = System.nanoTime();
    store.close();
    System.out.printf("close (final commit) %.1fs%n", (System.nanoTime() - tc) / 1e9);
    long indexBytes = size(dir.resolve("index"));
    System.out.printf(
        "raw %.1f B/msg, index %.1f B/msg (%.0f%% of raw), journal left %d bytes%n",
        rawBytes / (double) total,
        indexBytes / (double) total,
        100.0 * indexBytes / rawBytes,
        size(dir.resolve("journal")));
    try (LuceneLogStore reopened =
        LuceneLogStore.open(config, InstantSource.fixed(now), new SimpleMeterRegistry())) {
      queries(reopened, base, now);
    }
  }

  private static void queries(LogStore store, Instant from, Instant to) {
    for (String q :
        List.of(
            "GET",
            "status:404",
            "status:[500 TO 599]",
            "/wp-login.php",
            "\"Mozilla/5.0\" AND 200")) {
      long[] ns = new long[20];
      long hits = 0;
      for (int i = 0; i < ns.length; i++) {
        long t = System.nanoTime();
        hits = store.search(new SearchRequest(q, from, to, 100, "")).total();
        ns[i] = System.nanoTime() - t;
      }
      java.util.Arrays.sort(ns);
      System.out.printf(
          "search %-28s total %8d  p50 %6.1f ms  max %6.1f ms%n",
          q, hits, ns[10] / 1e6, ns[19] / 1e6);
    }
    long t = System.nanoTime();
    store.histogram(new HistogramRequest("", from, to, 100));
    System.out.printf("histogram all: %.1f ms%n", (System.nanoTime() - t) / 1e6);
    t = System.nanoTime();
    store.histogram(new HistogramRequest("status:404", from, to, 100));
    System.out.printf("histogram status:404: %.1f ms%n", (System.nanoTime() - t) / 1e6);
    for (String field : List.of("status", "host", "client_ip", "user_agent")) {
      t = System.nanoTime();
      Facets f = store.facets(new FacetRequest("", from, to, field, 10));
      System.out.printf(
          "facets %s: %.1f ms top %s%n", field, (System.nanoTime() - t) / 1e6, f.values().get(0));
    }
  }

  /** CPU per message by thread group; "main" is the load generator, not the store. */
  private static void threadCpu(ThreadCpuSampler cpu, int total) {
    double all = 0;
    for (Map.Entry<String, Double> e : cpu.secondsByGroup().entrySet()) {
      all += e.getValue();
      if (e.getValue() >= 0.1) {
        System.out.printf(
            "  cpu %-16s %6.1fs %6.1f us/msg%n",
            e.getKey(), e.getValue(), e.getValue() * 1e6 / total);
      }
    }
    System.out.printf("  cpu %-16s %6.1fs %6.1f us/msg%n", "ALL", all, all * 1e6 / total);
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static List<Line> load(Path corpus) throws IOException {
    List<Line> lines = new ArrayList<>();
    int n = 0;
    for (String s : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
      Matcher m = COMBINED.matcher(s);
      Map<String, String> f = new HashMap<>();
      if (m.matches()) {
        f.put(Schema.CLIENT_IP, m.group(1));
        f.put(Schema.USER, m.group(2));
        f.put(Schema.METHOD, m.group(3));
        f.put(Schema.PATH, m.group(4));
        f.put(Schema.PROTOCOL, m.group(5));
        f.put(Schema.STATUS, m.group(6));
        f.put(Schema.BYTES, m.group(7));
        f.put(Schema.REFERER, m.group(8));
        f.put(Schema.USER_AGENT, m.group(9));
      }
      String host = "web-" + (n++ % 8);
      String raw = "<134>1 2015-05-17T10:05:03Z " + host + " apache - - - " + s;
      lines.add(new Line(s, raw, Map.copyOf(f), host));
    }
    return lines;
  }
}
