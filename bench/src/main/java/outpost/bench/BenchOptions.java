package outpost.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Settings of one end-to-end run, from the command line. Immutable.
 *
 * @param jar the server's runnable jar
 * @param corpus the Apache access log replayed as syslog
 * @param seconds how long each full-speed load phase (TCP, UDP) sends
 * @param messages how many messages the store holds before the query phase
 * @param fillLimit the longest the top-up to {@code messages} may send
 * @param connections TCP connections sending at once
 * @param udpSenders threads sending UDP datagrams at once
 * @param hosts distinct host names in the messages
 * @param heap the server's {@code -Xmx}
 * @param serverOptions further JVM options for the server
 * @param warmup unmeasured runs of each query
 * @param runs measured runs of each query
 * @param phases which of {@code tcp}, {@code query}, {@code udp}, {@code tail} run
 * @param tailRate messages per second the {@code tail} phase sends
 * @param workDir where the servers' data directories and logs go
 * @param keep keep the data directories after the run
 * @param save write the JSON result to {@code resultsDir}
 * @param resultsDir where {@code --save} writes
 */
record BenchOptions(
    Path jar,
    Path corpus,
    Duration seconds,
    long messages,
    Duration fillLimit,
    int connections,
    int udpSenders,
    int hosts,
    String heap,
    List<String> serverOptions,
    int warmup,
    int runs,
    Set<String> phases,
    int tailRate,
    Path workDir,
    boolean keep,
    boolean save,
    Path resultsDir) {

  static final String USAGE =
      """
      usage: bench/run [options]        end-to-end load and query benchmark
             bench/run jmh [JMH options] parser micro-benchmarks
        --seconds N       full-speed send time per load phase (default 60)
        --messages N      messages in the store for the query phase (default 5000000)
        --fill-minutes N  longest top-up to --messages before querying anyway (default 20)
        --connections N   TCP connections (default 4)
        --udp-senders N   UDP sender threads (default 1)
        --hosts N         distinct host names web-01.. (default 40)
        --heap SIZE       server -Xmx (default 2g)
        --server-opt OPT  extra server JVM option (repeatable)
        --warmup N        unmeasured runs per query (default 20)
        --runs N          measured runs per query (default 100)
        --phases LIST     any of tcp,query,udp,tail (default tcp,query,udp)
        --tail-rate N     msgs/s the tail phase sends (default 20000)
        --work-dir DIR    data directories and server logs (default: a new temp dir)
        --keep            keep the data directories
        --save            write the JSON result to bench/results/<timestamp>.json
        --jar FILE        server jar (default server/target/outpost.jar)
        --corpus FILE     access log (default ingest/src/test/resources/fixtures/apache/access_combined_elastic.log)
      """;

  BenchOptions {
    serverOptions = List.copyOf(serverOptions);
    phases = Set.copyOf(phases);
    if (seconds.isNegative() || seconds.isZero()) {
      throw new IllegalArgumentException("--seconds must be positive, got " + seconds);
    }
    if (connections < 1
        || udpSenders < 1
        || runs < 1
        || warmup < 0
        || messages < 0
        || tailRate < 1) {
      throw new IllegalArgumentException("counts must be positive");
    }
    for (String p : phases) {
      if (!Set.of("tcp", "query", "udp", "tail").contains(p)) {
        throw new IllegalArgumentException("unknown phase '" + p + "' (tcp, query, udp, tail)");
      }
    }
  }

  /** Parses the command line; throws {@link IllegalArgumentException} with the reason. */
  static BenchOptions parse(String[] args) {
    Path jar = Path.of("server/target/outpost.jar");
    Path corpus = Path.of("ingest/src/test/resources/fixtures/apache/access_combined_elastic.log");
    long seconds = 60;
    long messages = 5_000_000;
    long fillMinutes = 20;
    int connections = 4;
    int udpSenders = 1;
    int hosts = 40;
    String heap = "2g";
    List<String> serverOptions = new ArrayList<>();
    int warmup = 20;
    int runs = 100;
    Set<String> phases = Set.of("tcp", "query", "udp");
    int tailRate = TailTraffic.DEFAULT_RATE;
    Path workDir = null;
    boolean keep = false;
    boolean save = false;
    Path resultsDir = Path.of("bench/results");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--keep" -> keep = true;
        case "--save" -> save = true;
        case "--jar" -> jar = Path.of(value(args, ++i, a));
        case "--corpus" -> corpus = Path.of(value(args, ++i, a));
        case "--seconds" -> seconds = Long.parseLong(value(args, ++i, a));
        case "--messages" -> messages = Long.parseLong(value(args, ++i, a));
        case "--fill-minutes" -> fillMinutes = Long.parseLong(value(args, ++i, a));
        case "--connections" -> connections = Integer.parseInt(value(args, ++i, a));
        case "--udp-senders" -> udpSenders = Integer.parseInt(value(args, ++i, a));
        case "--hosts" -> hosts = Integer.parseInt(value(args, ++i, a));
        case "--heap" -> heap = value(args, ++i, a);
        case "--server-opt" -> serverOptions.add(value(args, ++i, a));
        case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, a));
        case "--runs" -> runs = Integer.parseInt(value(args, ++i, a));
        case "--phases" -> phases = Set.of(value(args, ++i, a).split(","));
        case "--tail-rate" -> tailRate = Integer.parseInt(value(args, ++i, a));
        case "--work-dir" -> workDir = Path.of(value(args, ++i, a));
        case "--results-dir" -> resultsDir = Path.of(value(args, ++i, a));
        default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
      }
    }
    return new BenchOptions(
        jar,
        corpus,
        Duration.ofSeconds(seconds),
        messages,
        Duration.ofMinutes(fillMinutes),
        connections,
        udpSenders,
        hosts,
        heap,
        serverOptions,
        warmup,
        runs,
        phases,
        tailRate,
        workDir,
        keep,
        save,
        resultsDir);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
