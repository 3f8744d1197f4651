package outpost.bench.checks;

import com.sun.management.OperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import outpost.alerts.check.Check;
import outpost.alerts.check.CheckEnvironment;
import outpost.alerts.check.CheckFactory;
import outpost.alerts.check.CheckResult;
import outpost.alerts.check.CheckTarget;
import outpost.alerts.check.Status;
import outpost.index.HostDirectory;
import outpost.index.LogSearch;

/**
 * Checks per minute on this machine: native {@code http} checks against a local server (many at
 * once on virtual threads), and {@code plugin} runs of Debian's {@code check_dummy 0 ok} at a
 * bounded concurrency. Run after {@code ./mvnw -q -B -DskipTests -pl bench -am package}:
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) \
 *     outpost.bench.checks.CheckThroughput [--seconds 20] [--http-concurrency 200,2000]
 *     [--plugin-concurrency 8,16]
 * </pre>
 *
 * Each phase warms up for a quarter of its time, then counts completed checks; it reports checks
 * per minute, the run time of one check (p50, p99) and the CPU of this process per check (the local
 * HTTP server shares it).
 */
public final class CheckThroughput {
  private CheckThroughput() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Duration phase = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("seconds", "20")));
    int[] httpConcurrency = ints(opts.getOrDefault("http-concurrency", "200,2000"));
    int[] pluginConcurrency = ints(opts.getOrDefault("plugin-concurrency", "8,16"));
    CheckFactory factory = new CheckFactory(networkOnly());
    System.out.printf(
        Locale.ROOT,
        "cores %d, java %s%n",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());

    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    byte[] body = "ok: bench target\n".getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        ex -> {
          ex.sendResponseHeaders(200, body.length);
          try (var out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      for (int c : httpConcurrency) {
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < c; i++) {
          CheckTarget host = new CheckTarget("web-" + i, "127.0.0.1");
          checks.add(factory.create("http", Map.of("url", url, "body_contains", "ok"), host));
        }
        measure("http, " + c + " at once on virtual threads", checks, c, phase);
      }
    } finally {
      server.stop(0);
    }
    for (int c : pluginConcurrency) {
      Check dummy =
          factory.create(
              "plugin", Map.of("command", "check_dummy 0 ok"), new CheckTarget("local", null));
      measure("plugin check_dummy 0 ok, " + c + " at once", List.of(dummy), c, phase);
    }
  }

  /** Runs the checks round-robin, at most {@code concurrency} at once, and prints the rates. */
  static void measure(String name, List<Check> checks, int concurrency, Duration phase)
      throws Exception {
    run(checks, concurrency, phase.dividedBy(4)); // warm-up: JIT, connection pool
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    Run r = run(checks, concurrency, phase);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long cpu = os.getProcessCpuTime() - cpu0;
    long[] micros = r.micros();
    Arrays.sort(micros);
    System.out.printf(
        Locale.ROOT,
        "%-45s %,10.0f checks/min  (%,d in %.1f s; not OK %d; one check p50 %.1f ms p99 %.1f ms;"
            + " cpu %.0f us/check)%n",
        name,
        r.completed() / seconds * 60,
        r.completed(),
        seconds,
        r.notOk(),
        pct(micros, 0.50) / 1000.0,
        pct(micros, 0.99) / 1000.0,
        cpu / 1000.0 / r.completed());
  }

  record Run(long completed, long notOk, long[] micros) {}

  private static Run run(List<Check> checks, int concurrency, Duration time) throws Exception {
    long end = System.nanoTime() + time.toNanos();
    AtomicLong done = new AtomicLong();
    AtomicLong notOk = new AtomicLong();
    long[] micros = new long[4_000_000];
    AtomicLong slot = new AtomicLong();
    Semaphore permits = new Semaphore(concurrency);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        int first = w;
        workers.add(
            threads.submit(
                () -> {
                  int i = first;
                  while (System.nanoTime() < end) {
                    permits.acquire();
                    try {
                      long s = System.nanoTime();
                      CheckResult r = checks.get(i % checks.size()).run();
                      long n = slot.getAndIncrement();
                      if (n < micros.length) {
                        micros[(int) n] = (System.nanoTime() - s) / 1000;
                      }
                      if (r.status() != Status.OK) {
                        notOk.incrementAndGet();
                      }
                      done.incrementAndGet();
                    } finally {
                      permits.release();
                    }
                    i += concurrency;
                  }
                  return null;
                }));
      }
      for (Future<?> f : workers) {
        f.get();
      }
    }
    return new Run(
        done.get(), notOk.get(), Arrays.copyOf(micros, (int) Math.min(slot.get(), micros.length)));
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, sorted.length * p)];
  }

  /** An environment for network and plugin checks: the store parts are never called. */
  private static CheckEnvironment networkOnly() {
    return new CheckEnvironment(
        unused(LogSearch.class),
        unused(HostDirectory.class),
        (h, s) -> Optional.empty(),
        () -> null,
        InstantSource.system());
  }

  private static <T> T unused(Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, a) -> {
              throw new UnsupportedOperationException(
                  type.getSimpleName() + " is not used by this benchmark");
            }));
  }

  private static int[] ints(String list) {
    return Arrays.stream(list.split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    return opts;
  }
}
