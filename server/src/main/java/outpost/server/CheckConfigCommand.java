package outpost.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import outpost.alerts.AlertSettings;
import outpost.alerts.config.AlertConfigException;
import outpost.alerts.db.AlertSchema;
import outpost.alerts.engine.AlertEngine;
import outpost.server.data.DataDirectory;
import outpost.server.data.DataFormatException;
import outpost.server.data.DataFormats;
import outpost.web.auth.UserStore;

/**
 * {@code bin/outpost check-config}: validates everything start-up would read, without binding a
 * port or writing a file, and prints every problem found (not only the first), each naming the file
 * or environment variable, the line where there is one, the key and the reason. Checked: the config
 * file and {@code OUTPOST_*} overrides, TLS certificates and keys (loaded as the listeners load
 * them), secret files' permissions, ports that collide, the checks file, the data directory
 * (writable, format) and the users file. Stateless.
 */
final class CheckConfigCommand {
  /** Exit code when everything is fine. */
  static final int OK = 0;

  /** Exit code when at least one problem was found. */
  static final int PROBLEMS = 2;

  private CheckConfigCommand() {}

  /** Prints problems to {@code err} and a summary; returns {@link #OK} or {@link #PROBLEMS}. */
  static int run(Path configFile, Map<String, String> env, PrintStream out, PrintStream err) {
    ConfigSource src = ConfigSource.collecting(configFile, env);
    OutpostConfig config = null;
    try {
      config = OutpostConfig.read(src);
    } catch (ConfigException e) {
      src.reject(e);
    }
    List<String> problems = new ArrayList<>();
    src.problems().forEach(p -> problems.add("bad config: " + p));
    String dataSummary = "";
    if (config != null) {
      PortConflicts.find(src, config).forEach(p -> problems.add("bad config: " + p));
      checksFile(config.alerts()).ifPresent(problems::add);
      dataSummary = dataDirectory(src, config.dataDir(), problems);
    }
    for (String p : problems) {
      err.println("outpost: " + p);
    }
    if (!problems.isEmpty()) {
      err.println(
          "outpost: "
              + problems.size()
              + (problems.size() == 1 ? " problem" : " problems")
              + "; nothing was started");
      return PROBLEMS;
    }
    out.println("outpost: config OK" + dataSummary);
    return OK;
  }

  private static java.util.Optional<String> checksFile(AlertSettings alerts) {
    if (alerts == null) {
      return java.util.Optional.empty();
    }
    try {
      AlertEngine.validate(alerts);
      return java.util.Optional.empty();
    } catch (AlertConfigException e) {
      return java.util.Optional.of("bad checks file: " + e.getMessage());
    } catch (IOException e) {
      return java.util.Optional.of(
          "bad checks file: cannot read " + alerts.checksFile() + ": " + e.getMessage());
    }
  }

  /** Checks the data directory and its users file; returns a summary for the OK line. */
  private static String dataDirectory(ConfigSource src, Path dataDir, List<String> problems) {
    if (Files.exists(dataDir)) {
      if (!Files.isDirectory(dataDir) || !Files.isWritable(dataDir)) {
        problems.add(bad(src, dataDir + " is not a writable directory"));
        return "";
      }
    } else {
      Path parent = dataDir.getParent();
      while (parent != null && !Files.exists(parent)) {
        parent = parent.getParent();
      }
      if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
        problems.add(
            bad(src, dataDir + " does not exist and " + parent + " is not a writable directory"));
      }
      return " (data directory " + dataDir + " will be created)";
    }
    String summary = "";
    try {
      int format = DataDirectory.inspect(dataDir, DataFormats.standard());
      summary =
          format == 0
              ? " (data directory " + dataDir + " is empty)"
              : " (data directory " + dataDir + ": format " + format + ")";
    } catch (DataFormatException e) {
      problems.add(e.getMessage());
    } catch (IOException e) {
      problems.add(bad(src, "cannot read " + dataDir + ": " + e.getMessage()));
    }
    try {
      AlertSchema.newerThanSupported(dataDir).ifPresent(problems::add);
    } catch (IOException e) {
      problems.add("data directory: cannot read alerts.db: " + e.getMessage());
    }
    Path users = dataDir.resolve(UserStore.FILE_NAME);
    if (Files.exists(users)) {
      try {
        UserStore.validate(users);
      } catch (IOException e) {
        problems.add("bad users file: " + e.getMessage());
      }
    }
    return summary;
  }

  private static String bad(ConfigSource src, String reason) {
    return "bad config: " + src.invalid(ConfigKeys.DATA_DIR, reason).getMessage();
  }
}
