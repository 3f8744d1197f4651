package outpost.bench.opensearch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of one {@link StoreComparison} run, from the command line. Immutable.
 *
 * @param jar the Outpost server's runnable jar
 * @param corpus the Apache access log, one message per line
 * @param openSearchHome the unpacked OpenSearch distribution
 * @param messages messages each contender indexes
 * @param contenders which of {@link #CONTENDERS} run, in this order
 * @param connections syslog TCP connections, and concurrent bulk requests for the direct contender
 * @param bulkDocuments documents per bulk request of the direct contender
 * @param hosts distinct host names in the messages
 * @param heap the Outpost server's {@code -Xmx}
 * @param openSearchHeap OpenSearch's {@code -Xms} and {@code -Xmx}
 * @param warmup unmeasured runs of each query
 * @param runs measured runs of each query
 * @param workDir where data directories and logs go (null: a new temp directory)
 * @param keep keep them after the run
 * @param save write the JSON result to {@code resultsDir}
 * @param resultsDir where {@code --save} writes
 */
public record ComparisonOptions(
    Path jar,
    Path corpus,
    Path openSearchHome,
    long messages,
    List<String> contenders,
    int connections,
    int bulkDocuments,
    int hosts,
    String heap,
    String openSearchHeap,
    int warmup,
    int runs,
    Path workDir,
    boolean keep,
    boolean save,
    Path resultsDir) {

  /** Outpost on embedded Lucene, Outpost on OpenSearch, OpenSearch fed directly by _bulk. */
  public static final List<String> CONTENDERS = List.of("lucene", "outpost-opensearch", "bulk");

  static final String USAGE =
      """
      usage: bench/run opensearch [options]   embedded Lucene vs OpenSearch, side by side
             bench/run opensearch --table FILE..  one table of contenders saved by several runs
        --messages N        messages each contender indexes (default 1000000)
        --contenders LIST   any of lucene,outpost-opensearch,bulk (default: all three)
        --connections N     syslog TCP connections / concurrent bulk requests (default 4)
        --bulk-docs N       documents per bulk request (default 5000)
        --hosts N           distinct host names web-01.. (default 40)
        --heap SIZE         Outpost server -Xmx (default 2g)
        --os-heap SIZE      OpenSearch -Xms/-Xmx (default 512m)
        --warmup N          unmeasured runs per query (default 20)
        --runs N            measured runs per query (default 100)
        --work-dir DIR      data directories and logs (default: a new temp dir)
        --keep              keep them
        --save              write bench/results/opensearch-<timestamp>.json
        --opensearch-home DIR  unpacked OpenSearch (default $OUTPOST_TEST_OPENSEARCH_HOME
                            or .test-tools/opensearch-3.6.0)
        --jar FILE          server jar (default server/target/outpost.jar)
        --corpus FILE       access log (default: the Apache fixture)
      """;

  public ComparisonOptions {
    contenders = List.copyOf(contenders);
    if (messages < 1 || connections < 1 || bulkDocuments < 1 || runs < 1 || warmup < 0) {
      throw new IllegalArgumentException("counts must be positive");
    }
    if (contenders.isEmpty()) {
      throw new IllegalArgumentException("--contenders names none");
    }
    for (String c : contenders) {
      if (!CONTENDERS.contains(c)) {
        throw new IllegalArgumentException(
            "unknown contender '" + c + "' (" + String.join(", ", CONTENDERS) + ")");
      }
    }
  }

  /** Parses the command line; throws {@link IllegalArgumentException} with the reason. */
  public static ComparisonOptions parse(String[] args) {
    Path jar = Path.of("server/target/outpost.jar");
    Path corpus = Path.of("ingest/src/test/resources/fixtures/apache/access_combined_elastic.log");
    String envHome = System.getenv("OUTPOST_TEST_OPENSEARCH_HOME");
    Path home = Path.of(envHome != null ? envHome : ".test-tools/opensearch-3.6.0");
    long messages = 1_000_000;
    List<String> contenders = new ArrayList<>(CONTENDERS);
    int connections = 4;
    int bulkDocs = 5_000;
    int hosts = 40;
    String heap = "2g";
    String osHeap = "512m";
    int warmup = 20;
    int runs = 100;
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
        case "--opensearch-home" -> home = Path.of(value(args, ++i, a));
        case "--messages" -> messages = Long.parseLong(value(args, ++i, a));
        case "--contenders" -> contenders = List.of(value(args, ++i, a).split(","));
        case "--connections" -> connections = Integer.parseInt(value(args, ++i, a));
        case "--bulk-docs" -> bulkDocs = Integer.parseInt(value(args, ++i, a));
        case "--hosts" -> hosts = Integer.parseInt(value(args, ++i, a));
        case "--heap" -> heap = value(args, ++i, a);
        case "--os-heap" -> osHeap = value(args, ++i, a);
        case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, a));
        case "--runs" -> runs = Integer.parseInt(value(args, ++i, a));
        case "--work-dir" -> workDir = Path.of(value(args, ++i, a));
        case "--results-dir" -> resultsDir = Path.of(value(args, ++i, a));
        default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
      }
    }
    return new ComparisonOptions(
        jar,
        corpus,
        home,
        messages,
        contenders,
        connections,
        bulkDocs,
        hosts,
        heap,
        osHeap,
        warmup,
        runs,
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
