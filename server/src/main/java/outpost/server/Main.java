package outpost.server;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.alerts.config.AlertConfigException;

/**
 * Command line entry point: {@code outpost [--config FILE] [--check-config]}, or {@code outpost
 * migrate-to-opensearch [--config FILE]}. Exit codes: 0 after a clean shutdown or a good config
 * check, 2 for bad usage, bad config or a bad checks file ({@code --check-config} validates it
 * too), 1 when start-up fails otherwise; the migration's are in {@link #USAGE}.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  static final String USAGE =
      """
      usage: outpost [--config FILE] [--check-config]
             outpost migrate-to-opensearch [--config FILE]

      Every key can be set by an OUTPOST_* environment variable; see README.md.

      migrate-to-opensearch copies the embedded store of data_dir (every day partition, then the
      journal events not yet indexed) into the cluster of store.opensearch.*, with the event ids
      the OpenSearch store uses (node_id << 48 | sequence number): running it again overwrites,
      never duplicates. The embedded store is only read. Stop Outpost first. It prints progress per
      day and, at the end, the event count per day in the store and in OpenSearch.
      Exit codes: 0 copied and every day's count matches; 1 failed (e.g. cluster unreachable; run
      it again); 2 bad usage or config, or no embedded store in data_dir; 3 an Outpost is running
      on data_dir; 4 copied but incomplete (counts differ, events refused, damaged journal).
      """;

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("migrate-to-opensearch")) {
      migrate(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Path configFile = null;
    boolean checkOnly = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> {
          if (i + 1 >= args.length) {
            exit(2, "outpost: --config needs a file name");
          }
          configFile = Path.of(args[++i]);
        }
        case "--check-config" -> checkOnly = true;
        case "-h", "--help" -> {
          System.out.print(USAGE);
          return;
        }
        default -> exit(2, "outpost: unknown argument '" + args[i] + "' (try --help)");
      }
    }
    if (configFile != null && !Files.isRegularFile(configFile)) {
      exit(2, "outpost: config file " + configFile + ": not found");
    }
    OutpostConfig config;
    try {
      config = OutpostConfig.load(configFile, System.getenv());
    } catch (ConfigException e) {
      exit(2, "outpost: bad config: " + e.getMessage());
      return;
    }
    if (checkOnly) {
      try {
        ChecksFileCheck.validate(config.alerts());
      } catch (AlertConfigException e) {
        exit(2, "outpost: bad checks file: " + e.getMessage());
        return;
      } catch (UncheckedIOException e) {
        exit(2, "outpost: bad checks file: " + e.getMessage());
        return;
      }
      System.out.println("outpost: config OK");
      return;
    }
    run(config);
  }

  /** {@code migrate-to-opensearch [--config FILE]}; exits with the migration's code. */
  private static void migrate(String[] args) {
    Path configFile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> {
          if (i + 1 >= args.length) {
            exit(2, "outpost migrate-to-opensearch: --config needs a file name");
          }
          configFile = Path.of(args[++i]);
        }
        case "-h", "--help" -> {
          System.out.print(USAGE);
          return;
        }
        default ->
            exit(
                2,
                "outpost migrate-to-opensearch: unknown argument '" + args[i] + "' (try --help)");
      }
    }
    if (configFile != null && !Files.isRegularFile(configFile)) {
      exit(2, "outpost migrate-to-opensearch: config file " + configFile + ": not found");
    }
    OutpostConfig config;
    try {
      config = OutpostConfig.load(configFile, System.getenv());
    } catch (ConfigException e) {
      exit(2, "outpost migrate-to-opensearch: bad config: " + e.getMessage());
      return;
    }
    System.exit(
        new OpenSearchMigration(config, System.out, System.err, java.time.InstantSource.system())
            .run());
  }

  private static void run(OutpostConfig config) {
    Outpost outpost;
    try {
      outpost = Outpost.start(config);
    } catch (AlertConfigException e) {
      exit(2, "outpost: bad checks file: " + e.getMessage());
      return;
    } catch (RuntimeException e) {
      LOG.error("Outpost failed to start", e);
      exit(1, "outpost: failed to start: " + e.getMessage());
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  outpost.close();
                  stopped.countDown();
                },
                "outpost-shutdown"));
    // Tests and scripts read this line to learn the bound ports.
    System.out.printf(
        "outpost: listening syslog udp=%d tcp=%d web=%d data=%s%n",
        outpost.udpPort(), outpost.tcpPort(), outpost.webPort(), config.dataDir());
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void exit(int code, String message) {
    System.err.println(message);
    System.exit(code);
  }
}
