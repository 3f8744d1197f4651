package outpost.bench.relp;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import outpost.index.LuceneLogStore;
import outpost.index.StoreConfig;
import outpost.ingest.IngestConfig;
import outpost.ingest.IngestStatus;
import outpost.ingest.SyslogIngest;
import outpost.ingest.syslog.ParserConfig;
import outpost.ingest.syslog.SyslogEventDecoder;
import outpost.ingest.transport.relp.StoreJournaledLookup;

/**
 * RELP next to plain TCP, in one JVM against a real store (journal with group-commit fsync, Lucene
 * indexing): each phase sends the same RFC 5424 access-log messages over {@code --connections}
 * connections and ends when the store has journaled all of them (RELP: when every {@code rsp}
 * arrived). Reports msgs/s and the receiving side's CPU (process CPU minus the sender threads' CPU)
 * per 10,000 msgs/s.
 *
 * <p>Usage: {@code java -cp <bench classpath> outpost.bench.relp.RelpThroughput [--messages N]
 * [--connections N] [--window N]}. Single-use; not thread-safe.
 */
public final class RelpThroughput {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private record Result(String transport, long messages, Duration elapsed, long serverCpuNanos) {
    double rate() {
      return messages / (elapsed.toNanos() / 1e9);
    }

    double coresPer10k() {
      double cores = serverCpuNanos / (double) elapsed.toNanos();
      return cores / (rate() / 10_000);
    }
  }

  private RelpThroughput() {}

  public static void main(String[] args) throws Exception {
    int messages = intArg(args, "--messages", 400_000);
    int connections = intArg(args, "--connections", 4);
    int window = intArg(args, "--window", 128);
    Path dir = Files.createTempDirectory("outpost-relp-bench");
    try {
      List<Result> results = new ArrayList<>();
      for (String transport : List.of("tcp", "relp", "tcp", "relp")) {
        results.add(
            run(dir.resolve(transport + results.size()), transport, messages, connections, window));
      }
      System.out.printf(
          "%d messages per phase, %d connections, RELP window %d, %d cores%n",
          messages, connections, window, Runtime.getRuntime().availableProcessors());
      for (Result r : results) {
        System.out.printf(
            "%-5s %9.0f msgs/s  %6.2f s  receiver CPU %.3f cores per 10,000 msgs/s%n",
            r.transport(), r.rate(), r.elapsed().toNanos() / 1e9, r.coresPer10k());
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Result run(
      Path dataDir, String transport, int messages, int connections, int window) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (LuceneLogStore store =
            LuceneLogStore.open(StoreConfig.defaults(dataDir), InstantSource.system(), registry);
        SyslogIngest ingest =
            new SyslogIngest(
                IngestConfig.defaults().withListeners("127.0.0.1", -1, 0).withRelp(0),
                null,
                new SyslogEventDecoder(ParserConfig.defaults()),
                null,
                new SyslogEventDecoder(ParserConfig.defaults()),
                store,
                new StoreJournaledLookup(store),
                registry,
                InstantSource.system())) {
      var ports = ingest.start();
      LongSupplier accepted = () -> accepted(ingest.status(), transport);
      int perConnection = messages / connections;
      ExecutorService senders = Executors.newFixedThreadPool(connections);
      AtomicLong senderCpu = new AtomicLong();
      long cpuBefore = OS.getProcessCpuTime();
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        byte[][] corpus = corpus(c, 4096);
        done.add(
            senders.submit(
                () -> {
                  long t0 = THREADS.getCurrentThreadCpuTime();
                  try {
                    if (transport.equals("relp")) {
                      sendRelp(ports.relpPort(), window, corpus, perConnection);
                    } else {
                      sendTcp(ports.tcpPort(), corpus, perConnection);
                    }
                  } finally {
                    senderCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - t0);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      long total = (long) perConnection * connections;
      while (accepted.getAsLong() < total) {
        Thread.onSpinWait();
      }
      long elapsed = System.nanoTime() - start;
      long cpu = OS.getProcessCpuTime() - cpuBefore - senderCpu.get();
      senders.shutdown();
      return new Result(transport, total, Duration.ofNanos(elapsed), cpu);
    }
  }

  private static void sendRelp(int port, int window, byte[][] corpus, int count)
      throws IOException, InterruptedException {
    try (RelpLoadConnection c = new RelpLoadConnection(port, window)) {
      c.sendAll(corpus, count);
      while (c.acked() < count) {
        Thread.sleep(1); // a load generator, not a test: waits for the last acknowledgements
      }
    }
  }

  private static void sendTcp(int port, byte[][] corpus, int count) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      for (int i = 0; i < count; i++) {
        byte[] m = corpus[i % corpus.length];
        out.write((m.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.write(m);
      }
      out.flush();
    }
  }

  private static long accepted(IngestStatus status, String transport) {
    return status.listeners().stream()
        .filter(l -> l.transport().equals(transport))
        .mapToLong(IngestStatus.Listener::accepted)
        .sum();
  }

  /** RFC 5424 access-log lines of one connection, distinct, with the current time. */
  private static byte[][] corpus(int connection, int n) {
    byte[][] out = new byte[n][];
    Instant now = Instant.now();
    for (int i = 0; i < n; i++) {
      String line =
          "<134>1 "
              + now.plusMillis(i)
              + " web-"
              + connection
              + "-"
              + (i % 40)
              + " apache 2006 access - 10.0."
              + (i % 250)
              + "."
              + (i % 7)
              + " - - [23/Nov/2026:10:45:00 +0000] \"GET /shop/item/"
              + i
              + " HTTP/1.1\" 200 "
              + (1000 + i)
              + " \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"";
      out[i] = line.getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
