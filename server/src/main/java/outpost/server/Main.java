package outpost.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.alerts.config.AlertConfigException;
import outpost.alerts.db.SchemaVersionException;
import outpost.server.data.DataFormatException;

/**
 * Command line entry point: {@code outpost [COMMAND] [--config FILE]}, where COMMAND is {@code run}
 * (the default), {@code check-config} (also {@code --check-config}), {@code upgrade-data} or {@code
 * migrate-to-opensearch}, or the {@code backup}/{@code restore} subcommands of {@link
 * BackupCommand} (their own options and exit codes). Exit codes: 0 after a clean shutdown or a
 * successful command; 1 when start-up fails otherwise; 2 for bad usage, a bad config or a bad
 * checks file; 3 when the data directory is in a format this Outpost will not open (newer, needs
 * {@code upgrade-data}, or unknown).
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  static final String USAGE =
      """
      usage: outpost [run] [--config FILE]      start Outpost
             outpost check-config [--config FILE]
                 validate the config, checks file, TLS and secret files, users file and data
                 directory; print every problem (file, line, key, reason); start nothing
                 (--check-config is the same)
             outpost upgrade-data [--config FILE]
                 migrate the data directory to this version's format while Outpost is stopped
                 (make a backup first)
             outpost backup DIR [--previous DIR] [--config FILE]
                 consistent copy of the data directory while Outpost runs (or while stopped);
                 unchanged index files are hard-linked against the previous backup
             outpost backup --verify DIR
                 re-read a backup against its manifest (exit 1 on any difference)
             outpost restore DIR [--config FILE]
                 verify, then restore into an empty data_dir (backup and restore exit 0 done,
                 1 failed or refused, 2 bad usage or config)
             outpost migrate-to-opensearch [--config FILE]
                 copy the embedded store of data_dir (every day partition, then the journal
                 events not yet indexed) into the cluster of store.opensearch.*, with the event
                 ids the OpenSearch store uses (node_id << 48 | sequence number): running it again
                 overwrites, never duplicates. The embedded store is only read; stop Outpost
                 first. Prints progress per day and, at the end, the event count per day in the
                 store and in OpenSearch. Exit codes: 0 copied and every day's count matches;
                 1 failed (e.g. cluster unreachable; run it again); 2 bad usage or config, or no
                 embedded store in data_dir; 3 an Outpost is running on data_dir;
                 4 copied but incomplete (counts differ, events refused, damaged journal).
      Every key can be set by an OUTPOST_* environment variable; see README.md.
      Exit codes: 0 ok, 1 start-up failed, 2 bad usage or config, 3 data directory refused.""";

  /** The parsed command line: the command, the config file (null for none), other arguments. */
  record CommandLine(String command, Path configFile, List<String> arguments) {}

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"))) {
      exitWith(BackupCommand.run(args, System.getenv(), System.out, System.err));
      return;
    }
    CommandLine line = parse(args);
    if (line.configFile() != null && !Files.isRegularFile(line.configFile())) {
      exit(2, "outpost: config file " + line.configFile() + ": not found");
    }
    switch (line.command()) {
      case "run" -> run(load(noArguments(line)));
      case "check-config" ->
          exitWith(
              CheckConfigCommand.run(
                  noArguments(line).configFile(), System.getenv(), System.out, System.err));
      case "upgrade-data" ->
          exitWith(UpgradeDataCommand.run(load(noArguments(line)), System.out, System.err));
      case "migrate-to-opensearch" ->
          exitWith(
              new OpenSearchMigration(
                      load(noArguments(line)),
                      System.out,
                      System.err,
                      java.time.InstantSource.system())
                  .run());
      default -> exit(2, "outpost: unknown command '" + line.command() + "' (try --help)");
    }
  }

  static CommandLine parse(String[] args) {
    String command = null;
    Path configFile = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> {
          if (i + 1 >= args.length) {
            exit(2, "outpost: --config needs a file name");
          }
          configFile = Path.of(args[++i]);
        }
        case "--check-config" -> command = "check-config";
        case "-h", "--help" -> {
          System.out.println(USAGE);
          System.exit(0);
        }
        default -> {
          if (args[i].startsWith("-")) {
            exit(2, "outpost: unknown argument '" + args[i] + "' (try --help)");
          } else if (command == null) {
            command = args[i];
          } else {
            rest.add(args[i]);
          }
        }
      }
    }
    return new CommandLine(command == null ? "run" : command, configFile, rest);
  }

  private static CommandLine noArguments(CommandLine line) {
    if (!line.arguments().isEmpty()) {
      exit(2, "outpost: unexpected argument '" + line.arguments().get(0) + "' (try --help)");
    }
    return line;
  }

  private static OutpostConfig load(CommandLine line) {
    try {
      return OutpostConfig.load(line.configFile(), System.getenv());
    } catch (ConfigException e) {
      exit(2, "outpost: bad config: " + e.getMessage());
      throw e;
    }
  }

  private static void run(OutpostConfig config) {
    Outpost outpost;
    try {
      outpost = Outpost.start(config);
    } catch (AlertConfigException e) {
      exit(2, "outpost: bad checks file: " + e.getMessage());
      return;
    } catch (DataFormatException | SchemaVersionException e) {
      exit(3, "outpost: refusing to open the data directory: " + e.getMessage());
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

  private static void exitWith(int code) {
    System.out.flush();
    System.exit(code);
  }

  private static void exit(int code, String message) {
    System.err.println(message);
    System.exit(code);
  }
}
