package outpost.index.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The private directory of one test node and the command that runs it: {@code config/} (a copy of
 * the distribution's, with {@code opensearch.yml} and {@code jvm.options} pointed at this
 * directory), {@code data/}, {@code logs/}, {@code tmp/} and {@code node.log} (stdout and stderr).
 * Not thread-safe; owned by one {@link OpenSearchNode}.
 */
final class NodeFiles {
  /** The user a root test JVM runs the node as (scripts/test creates it). */
  static final String RUN_AS = "outpost-os";

  static final String HEAP = "512m";
  private static final int LOG_TAIL_LINES = 60;
  private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final Path home;
  private final Path root;
  private final boolean asRoot;

  private NodeFiles(Path home, Path root, boolean asRoot) {
    this.home = home;
    this.root = root;
    this.asRoot = asRoot;
  }

  static NodeFiles create(
      Path home, int httpPort, int transportPort, Map<String, String> extraSettings) {
    Path root;
    try {
      root = Files.createTempDirectory("outpost-opensearch-");
      NodeFiles files = new NodeFiles(home, root, isRoot());
      files.writeConfig(httpPort, transportPort, extraSettings);
      if (files.asRoot) {
        files.handOver();
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("preparing an OpenSearch node directory", e);
    }
  }

  Path root() {
    return root;
  }

  List<String> command() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OPENSEARCH_JAVA_HOME", System.getProperty("java.home"));
    env.put("OPENSEARCH_PATH_CONF", root.resolve("config").toString());
    env.put("OPENSEARCH_JAVA_OPTS", "-Xms" + HEAP + " -Xmx" + HEAP);
    env.put("OPENSEARCH_TMPDIR", root.resolve("tmp").toString());
    List<String> command = new ArrayList<>();
    if (asRoot) {
      command.addAll(List.of(runuser(), "-u", RUN_AS, "--"));
    }
    command.add("env");
    env.forEach((k, v) -> command.add(k + "=" + v));
    command.add(home.resolve("bin").resolve("opensearch").toString());
    return command;
  }

  ProcessBuilder processBuilder() {
    ProcessBuilder builder = new ProcessBuilder(command()).directory(root.toFile());
    // only what the launcher needs: nothing of the test JVM's environment leaks into the node
    builder.environment().clear();
    builder.environment().put("PATH", PATH);
    builder.environment().put("LANG", "C.UTF-8");
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    return builder;
  }

  String logTail() {
    List<String> lines = new ArrayList<>();
    for (Path file : List.of(log(), root.resolve("logs").resolve("outpost-test.log"))) {
      try {
        if (Files.exists(file)) {
          List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
          lines.add("--- last lines of " + file + ":");
          lines.addAll(all.subList(Math.max(0, all.size() - LOG_TAIL_LINES), all.size()));
        }
      } catch (IOException e) {
        lines.add("--- cannot read " + file + ": " + e);
      }
    }
    return String.join("\n", lines);
  }

  void delete() {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("deleting " + root, e);
    }
  }

  private Path log() {
    return root.resolve("node.log");
  }

  private void writeConfig(int httpPort, int transportPort, Map<String, String> extra)
      throws IOException {
    Path config = root.resolve("config");
    Path source = home.resolve("config");
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path p : walk.toList()) {
        Path target = config.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    for (String dir : List.of("data", "logs", "tmp")) {
      Files.createDirectories(root.resolve(dir));
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("cluster.name", "outpost-test");
    settings.put("node.name", "outpost-test");
    settings.put("discovery.type", "single-node");
    settings.put("network.host", "127.0.0.1");
    settings.put("http.port", Integer.toString(httpPort));
    settings.put("transport.port", Integer.toString(transportPort));
    settings.put("path.data", root.resolve("data").toString());
    settings.put("path.logs", root.resolve("logs").toString());
    // a nearly full CI disk must not turn indices read-only or leave shards unassigned
    settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
    settings.putAll(extra);
    StringBuilder yml = new StringBuilder("\n# added by the Outpost test launcher\n");
    settings.forEach((k, v) -> yml.append(k).append(": ").append(v).append('\n'));
    Files.writeString(
        config.resolve("opensearch.yml"), yml, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    // the launcher runs from the (read-only) distribution: relative log and dump paths must go
    Path jvmOptions = config.resolve("jvm.options");
    String options =
        Files.readString(jvmOptions, StandardCharsets.UTF_8)
            .replace("logs/", root.resolve("logs") + "/")
            .replace("HeapDumpPath=data", "HeapDumpPath=" + root.resolve("data"))
            .replaceAll("(?m)^-Xms\\S+$", "-Xms" + HEAP)
            .replaceAll("(?m)^-Xmx\\S+$", "-Xmx" + HEAP);
    Files.writeString(jvmOptions, options, StandardCharsets.UTF_8);
  }

  /** Gives the directory to {@link #RUN_AS}; the distribution refuses to run as root. */
  private void handOver() throws IOException {
    UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
    UserPrincipal user;
    GroupPrincipal group;
    try {
      user = users.lookupPrincipalByName(RUN_AS);
      group = users.lookupPrincipalByGroupName(RUN_AS);
    } catch (IOException e) {
      throw new AssertionError(
          "user "
              + RUN_AS
              + " is missing: OpenSearch refuses to run as root; run scripts/test, which creates"
              + " it (useradd -r -M "
              + RUN_AS
              + ")",
          e);
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
      }
    }
  }

  private static String runuser() {
    return Stream.of("/usr/sbin/runuser", "/sbin/runuser")
        .filter(p -> Files.isExecutable(Path.of(p)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("runuser (util-linux) not found in /usr/sbin"));
  }

  private static boolean isRoot() {
    try {
      // /proc/self belongs to the process's real user
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
