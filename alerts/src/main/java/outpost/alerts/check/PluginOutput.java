package outpost.alerts.check;

import java.util.List;
import java.util.Objects;

/**
 * A plugin's output split as the Nagios plugin guidelines lay it out:
 *
 * <pre>
 * TEXT OUTPUT | OPTIONAL PERFDATA
 * LONG TEXT LINE 1
 * LONG TEXT LINE N | PERFDATA LINE 2
 * PERFDATA LINE 3
 * </pre>
 *
 * The first line is the output; text after its first {@code |} is perfdata; the following lines are
 * long output until one holds a {@code |}, after which everything is perfdata. Immutable.
 *
 * @param output the first line without perfdata, trimmed
 * @param longOutput further lines, joined by newlines, trimmed
 * @param perfData every parsed perfdata item
 */
public record PluginOutput(String output, String longOutput, List<PerfValue> perfData) {
  public PluginOutput {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(longOutput, "longOutput");
    perfData = List.copyOf(perfData);
  }

  /** Splits {@code text} (newlines {@code \n} or {@code \r\n}); null or empty gives empty parts. */
  public static PluginOutput parse(String text) {
    if (text == null || text.isEmpty()) {
      return new PluginOutput("", "", List.of());
    }
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    StringBuilder perf = new StringBuilder();
    String first = lines[0];
    int bar = first.indexOf('|');
    String output = bar < 0 ? first : first.substring(0, bar);
    if (bar >= 0) {
      perf.append(first, bar + 1, first.length());
    }
    StringBuilder longOutput = new StringBuilder();
    boolean inPerf = false;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (inPerf) {
        perf.append(' ').append(line);
        continue;
      }
      int b = line.indexOf('|');
      if (b >= 0) {
        appendLine(longOutput, line.substring(0, b));
        perf.append(' ').append(line, b + 1, line.length());
        inPerf = true;
      } else {
        appendLine(longOutput, line);
      }
    }
    return new PluginOutput(
        output.strip(), longOutput.toString().strip(), PerfDataParser.parse(perf.toString()));
  }

  private static void appendLine(StringBuilder b, String line) {
    if (!b.isEmpty()) {
      b.append('\n');
    }
    b.append(line);
  }
}
