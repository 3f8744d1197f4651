package outpost.server;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.alerts.config.AlertConfigException;

/**
 * Command line entry point: {@code outpost [--config FILE] [--check-config]}, and the {@code
 * backup}/{@code restore} subcommands of {@link BackupCommand}. Exit codes: 0 after a clean
 * shutdown or a good config check, 2 for bad usage, bad config or a bad checks file ({@code
 * --check-config} validates it too), 1 when start-up fails otherwise.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"))) {
      System.exit(BackupCommand.run(args, System.getenv(), System.out, System.err));
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
          System.out.println(
              "usage: outpost [--config FILE] [--check-config]\n"
                  + BackupCommand.USAGE
                  + "\n"
                  + "Every key can be set by an OUTPOST_* environment variable; see README.md.");
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
