package outpost.alerts.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code plugin} kind: runs any Nagios plugin, no shell involved. The command string is split
 * into words like a shell would ({@link CommandLine}); the first word is an absolute path or a name
 * looked up in {@code plugin_dir}; host macros are substituted in each word after splitting, so a
 * host name can never add words. Exit codes 0..3 map to the states, any other is UNKNOWN; stdout is
 * parsed as {@link PluginOutput}. A run that exceeds {@code timeout} is UNKNOWN and its process
 * tree is killed. Thread-safe: immutable; each run starts its own process.
 */
final class PluginCheck implements Check {
  static final Set<String> PARAMS = Set.of("command", "plugin_dir", "timeout");
  static final String DEFAULT_PLUGIN_DIR = "/usr/lib/nagios/plugins";

  private final List<String> command;
  private final Duration timeout;
  private final InstantSource clock;

  PluginCheck(Params p, InstantSource clock) {
    this.clock = clock;
    this.timeout = p.duration("timeout", Duration.ofSeconds(60));
    String text =
        p.verbatim("command")
            .filter(s -> !s.isBlank())
            .orElseThrow(() -> new CheckConfigException("command", "is required for kind plugin"));
    List<String> words;
    try {
      words = CommandLine.split(text);
    } catch (IllegalArgumentException e) {
      throw new CheckConfigException(
          "command", "\"" + text + "\" cannot be split into words: " + e.getMessage());
    }
    if (words.isEmpty()) {
      throw new CheckConfigException("command", "is required for kind plugin");
    }
    List<String> resolved = new ArrayList<>();
    resolved.add(program(words.getFirst(), p.string("plugin_dir", DEFAULT_PLUGIN_DIR)));
    for (String w : words.subList(1, words.size())) {
      resolved.add(p.macros(w));
    }
    this.command = List.copyOf(resolved);
  }

  private static String program(String first, String pluginDir) {
    if (first.startsWith("/")) {
      return first;
    }
    if (first.contains("/")) {
      throw new CheckConfigException(
          "command",
          "program \"" + first + "\" must be an absolute path or a plain name in plugin_dir");
    }
    Path dir = Path.of(pluginDir);
    if (!dir.isAbsolute()) {
      throw new CheckConfigException(
          "plugin_dir", "\"" + pluginDir + "\" must be an absolute path");
    }
    return dir.resolve(first).toString();
  }

  /** The program and arguments as they will run. */
  List<String> command() {
    return command;
  }

  @Override
  public String kind() {
    return "plugin";
  }

  @Override
  public CheckResult run() throws InterruptedException {
    long start = System.nanoTime();
    Path program = Path.of(command.getFirst());
    if (!Files.isRegularFile(program)) {
      return Results.result(clock, start, Status.UNKNOWN, "plugin not found: " + program);
    }
    if (!Files.isExecutable(program)) {
      return Results.result(clock, start, Status.UNKNOWN, "plugin not executable: " + program);
    }
    ProcessRunner.Outcome outcome;
    try {
      outcome = ProcessRunner.run(command, timeout);
    } catch (IOException e) {
      return Results.result(
          clock, start, Status.UNKNOWN, "cannot run " + program + ": " + Results.message(e));
    }
    if (outcome.timedOut()) {
      return Results.result(
          clock,
          start,
          Status.UNKNOWN,
          "plugin timed out after " + Durations.format(timeout),
          outcome.stdout().strip(),
          List.of());
    }
    PluginOutput parsed = PluginOutput.parse(outcome.stdout());
    Status status = Status.ofExitCode(outcome.exitCode());
    String output = parsed.output();
    String longOutput = parsed.longOutput();
    if (output.isEmpty()) {
      String err = outcome.stderr().strip();
      output =
          err.isEmpty()
              ? "(no output from "
                  + program.getFileName()
                  + ", exit code "
                  + outcome.exitCode()
                  + ")"
              : Results.printable(err.lines().findFirst().orElse(""), CheckResult.MAX_OUTPUT_CHARS);
    }
    if (outcome.exitCode() < 0 || outcome.exitCode() > 3) {
      output = "exit code " + outcome.exitCode() + " (not 0..3): " + output;
    }
    return Results.result(clock, start, status, output, longOutput, parsed.perfData());
  }
}
