package outpost.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import outpost.index.backup.LuceneStoreBackup;
import outpost.server.backup.BackupResult;
import outpost.server.backup.BackupVerifier;
import outpost.server.backup.Backups;
import outpost.server.backup.ControlClient;
import outpost.server.backup.ControlServer;
import outpost.server.backup.DataDirLock;
import outpost.server.backup.Restore;
import outpost.server.backup.VerifyReport;

/**
 * The {@code backup} and {@code restore} subcommands:
 *
 * <pre>
 * outpost backup DIR [--previous DIR] [--config FILE]
 * outpost backup --verify DIR
 * outpost restore DIR [--config FILE]
 * </pre>
 *
 * A backup asks the Outpost running on the configured data directory over its control socket; when
 * none runs, it locks the data directory and copies it itself. Exit codes: 0 done, 1 failed or
 * refused (the reason on stderr), 2 bad usage or config. Stateless.
 */
final class BackupCommand {
  static final String USAGE =
      "usage: outpost backup DIR [--previous DIR] [--config FILE]\n"
          + "       outpost backup --verify DIR\n"
          + "       outpost restore DIR [--config FILE]";

  private record Args(String command, Path dir, Path previous, Path config, boolean verify) {}

  private BackupCommand() {}

  /** Runs {@code args} (starting with "backup" or "restore"); returns the exit code. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Args a;
    try {
      a = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("outpost: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    try {
      if (a.verify()) {
        return verify(a.dir(), out, err);
      }
      Path dataDir;
      try {
        if (a.config() != null && !Files.isRegularFile(a.config())) {
          throw new ConfigException("config file " + a.config() + ": not found");
        }
        dataDir = OutpostConfig.load(a.config(), env).dataDir();
      } catch (ConfigException e) {
        err.println("outpost: bad config: " + e.getMessage());
        return 2;
      }
      return a.command().equals("restore")
          ? restore(a.dir(), dataDir, out)
          : backup(a.dir(), a.previous(), dataDir, out, err);
    } catch (IOException e) {
      err.println("outpost " + a.command() + ": " + e.getMessage());
      return 1;
    }
  }

  private static Args parse(String[] args) {
    String command = args[0];
    Path dir = null;
    Path previous = null;
    Path config = null;
    boolean verify = false;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--previous", "--config" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a directory or file");
          }
          Path value = Path.of(args[++i]);
          if (args[i - 1].equals("--previous")) {
            previous = value;
          } else {
            config = value;
          }
        }
        case "--verify" -> verify = true;
        default -> {
          if (args[i].startsWith("-") || dir != null) {
            throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
          }
          dir = Path.of(args[i]);
        }
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException(command + " needs a directory");
    }
    if (verify && (command.equals("restore") || previous != null)) {
      throw new IllegalArgumentException("--verify goes alone with backup DIR");
    }
    if (previous != null && command.equals("restore")) {
      throw new IllegalArgumentException("--previous is for backup");
    }
    return new Args(command, dir, previous, config, verify);
  }

  private static int verify(Path dir, PrintStream out, PrintStream err) throws IOException {
    VerifyReport report = BackupVerifier.verify(dir);
    PrintStream to = report.ok() ? out : err;
    report.lines().forEach(line -> to.println("outpost backup --verify: " + line));
    return report.ok() ? 0 : 1;
  }

  private static int backup(
      Path target, Path previous, Path dataDir, PrintStream out, PrintStream err)
      throws IOException {
    Optional<ControlClient.Reply> online =
        ControlClient.backup(
            dataDir.resolve(ControlServer.SOCKET_NAME),
            target,
            previous,
            line -> out.println("outpost backup: " + line));
    if (online.isPresent()) {
      ControlClient.Reply reply = online.get();
      (reply.ok() ? out : err).println("outpost backup: " + reply.text());
      return reply.ok() ? 0 : 1;
    }
    if (!Files.isDirectory(dataDir)) {
      throw new IOException("no data directory " + dataDir);
    }
    try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
      out.println("outpost backup: no Outpost runs on " + dataDir + "; copying it directly");
      BackupResult result =
          Backups.run(
              dataDir,
              LuceneStoreBackup.offline(dataDir),
              target,
              previous,
              InstantSource.system(),
              line -> out.println("outpost backup: " + line));
      out.println("outpost backup: " + result.describe());
      return 0;
    } catch (DataDirLock.LockedException e) {
      throw new IOException(
          e.getMessage() + ", but its control socket does not answer; is it an older Outpost?", e);
    }
  }

  private static int restore(Path backup, Path dataDir, PrintStream out) throws IOException {
    Restore.run(backup, dataDir, line -> out.println("outpost restore: " + line));
    out.println("outpost restore: done; start Outpost to replay the journal and serve it");
    return 0;
  }
}
