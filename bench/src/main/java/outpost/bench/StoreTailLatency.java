package outpost.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import outpost.index.LogEvent;
import outpost.index.LuceneLogStore;
import outpost.index.StoreConfig;
import outpost.index.StoredEvent;
import outpost.index.TailSubscription;
import outpost.index.Transport;
import outpost.ingest.FrameSource;
import outpost.ingest.syslog.ParserConfig;
import outpost.ingest.syslog.SyslogEventDecoder;

/**
 * Live-tail latency at the store level, in one JVM: the corpus, decoded once by the real syslog
 * decoder, is appended with {@code tryAppend} at a fixed rate in batches every {@link #TICK}, every
 * {@link TailTraffic#MARKER_EVERY}th event a marker; one subscriber polls the marker query and
 * records append-to-poll latency. The store indexes everything meanwhile, as it would in
 * production. {@code bench/run store-tail [--seconds N] [--rate N]}.
 */
public final class StoreTailLatency {
  private static final Duration TICK = Duration.ofMillis(10);

  private StoreTailLatency() {}

  public static void main(String[] args) throws Exception {
    long seconds = 60;
    int rate = TailTraffic.DEFAULT_RATE;
    Path corpusFile =
        Path.of("ingest/src/test/resources/fixtures/apache/access_combined_elastic.log");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--seconds" -> seconds = Long.parseLong(args[i + 1]);
        case "--rate" -> rate = Integer.parseInt(args[i + 1]);
        case "--corpus" -> corpusFile = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
    }
    List<LogEvent> corpus = decode(Corpus.load(corpusFile, 40));
    Path dir = Files.createTempDirectory("outpost-store-tail-");
    String runId = "bench" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    int markers = (int) (seconds * rate / TailTraffic.MARKER_EVERY) + 16;
    LatencySamples samples = new LatencySamples(markers);
    LatencySamples accepted = new LatencySamples(markers);
    Report report = new Report(System.out);
    report.section("store_tail", "Live tail latency at the store level (tryAppend -> poll)");
    report.fact("rate", "target ingest rate", rate + " msgs/s");
    report.fact("seconds", "send time", seconds + " s");
    report.fact("cores", "cores", Runtime.getRuntime().availableProcessors());
    try (LuceneLogStore store =
        LuceneLogStore.open(
            StoreConfig.defaults(dir), InstantSource.system(), new SimpleMeterRegistry())) {
      TailSubscription sub = store.subscribe(TailTraffic.markerQuery(runId), 10_000);
      AtomicBoolean stop = new AtomicBoolean();
      Thread reader = Thread.ofPlatform().name("tail-reader").start(() -> read(sub, samples, stop));
      long[] appended =
          send(store, corpus, runId, rate, Duration.ofSeconds(seconds), samples, accepted);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (samples.deliveredCount() < samples.sentCount() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      }
      stop.set(true);
      reader.join();
      sub.close();
      report.number("appended", "events appended", appended[0], "msgs");
      report.number("achieved_rate", "achieved rate", appended[0] / (appended[1] / 1e9), "msgs/s");
      report.number("tail_dropped", "subscriber dropped", sub.dropped(), "msgs");
      LatencySamples.Summary a = accepted.summary();
      report.number("accept_p50_ms", "accept latency (tryAppend -> fsynced) p50", a.p50(), "ms");
      report.number("accept_p99_ms", "accept latency p99", a.p99(), "ms");
      report.number("accept_max_ms", "accept latency max", a.max(), "ms");
      TailTraffic.report(report, samples);
    } finally {
      deleteTree(dir);
    }
  }

  private static List<LogEvent> decode(Corpus corpus) {
    SyslogEventDecoder decoder = new SyslogEventDecoder(ParserConfig.defaults());
    Instant now = Instant.now();
    FrameSource source = new FrameSource(Transport.TCP, "127.0.0.1", now, 0);
    List<LogEvent> events = new ArrayList<>(corpus.size());
    for (int i = 0; i < corpus.size(); i++) {
      events.add(decoder.decode(corpus.message(i, now).getBytes(StandardCharsets.UTF_8), source));
    }
    return events;
  }

  /**
   * Appends at {@code rate} until {@code duration} passed; returns {events, nanos}. A marker's time
   * is taken just before its batch is offered; {@code accepted} gets the time its future completed
   * (journaled and fsynced).
   */
  private static long[] send(
      LuceneLogStore store,
      List<LogEvent> corpus,
      String runId,
      int rate,
      Duration duration,
      LatencySamples samples,
      LatencySamples accepted) {
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long next = 0;
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    while (System.nanoTime() < end) {
      long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
      List<LogEvent> batch = new ArrayList<>((int) Math.max(0, due - next));
      List<Integer> markers = new ArrayList<>();
      Instant now = Instant.now();
      for (; next < due; next++) {
        if (next % TailTraffic.MARKER_EVERY == 0) {
          int n = (int) (next / TailTraffic.MARKER_EVERY);
          markers.add(n);
          batch.add(markerEvent(runId, n, now));
        } else {
          batch.add(withReceived(corpus.get((int) (next % corpus.size())), now));
        }
      }
      if (!batch.isEmpty()) {
        long t = System.nanoTime();
        for (int n : markers) {
          samples.sent(n, t);
          accepted.sent(n, t);
        }
        CompletableFuture<Void> f;
        while ((f = store.tryAppend(batch)) == null) {
          LockSupport.parkNanos(100_000); // full: TCP would stop reading for this long
        }
        pending.add(
            f.thenRun(
                () -> {
                  long done = System.nanoTime();
                  markers.forEach(n -> accepted.delivered(n, done));
                }));
      }
      LockSupport.parkNanos(TICK.toNanos());
    }
    pending.forEach(CompletableFuture::join);
    return new long[] {next, System.nanoTime() - start};
  }

  private static LogEvent markerEvent(String runId, int n, Instant now) {
    String msg = TailTraffic.markerText(runId, n);
    return new LogEvent(now, now, "bench-tail", "bench", "", "", 16, 6, msg, msg, null, "tcp", "");
  }

  private static LogEvent withReceived(LogEvent e, Instant now) {
    return new LogEvent(
        now,
        now,
        e.host(),
        e.app(),
        e.procId(),
        e.msgId(),
        e.facility(),
        e.severity(),
        e.message(),
        e.raw(),
        e.fields(),
        e.transport(),
        e.parseError());
  }

  /** Polls until {@code stop} is set, recording each marker's delivery time. */
  private static void read(TailSubscription sub, LatencySamples samples, AtomicBoolean stop) {
    try {
      while (!stop.get()) {
        List<StoredEvent> got = sub.poll(1000, Duration.ofMillis(100));
        long now = System.nanoTime();
        for (StoredEvent e : got) {
          samples.delivered(TailTraffic.markerNumber(e.event().message()), now);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
