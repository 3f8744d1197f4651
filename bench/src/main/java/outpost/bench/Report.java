package outpost.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's results, kept twice as they are added: as plain text (printed as it grows, so a
 * long run shows progress) and as a JSON tree of sections. Not thread-safe.
 */
final class Report {
  private static final int LABEL_WIDTH = 44;

  private final Map<String, Object> root = new LinkedHashMap<>();
  private final StringBuilder text = new StringBuilder();
  private final PrintStream out;
  private Map<String, Object> section = root;

  Report(PrintStream out) {
    this.out = out;
  }

  /** Starts a section: a heading in the text, an object in the JSON. */
  void section(String key, String heading) {
    section = new LinkedHashMap<>();
    root.put(key, section);
    line("");
    line("== " + heading);
  }

  /** A measured number with its unit; {@code label} explains it in the text. */
  void number(String key, String label, double value, String unit) {
    section.put(key, Double.isFinite(value) ? round(value) : null);
    String shown = Double.isFinite(value) ? format(value) : "n/a";
    line(String.format(Locale.ROOT, "  %-" + LABEL_WIDTH + "s %14s %s", label, shown, unit));
  }

  /** A fact that is not a number (a version, a setting, an explanation). */
  void fact(String key, String label, Object value) {
    boolean structured = value instanceof Number || value instanceof Map || value instanceof List;
    section.put(key, structured ? value : String.valueOf(value));
    line(String.format(Locale.ROOT, "  %-" + LABEL_WIDTH + "s %s", label, value));
  }

  /** Data for the JSON only (e.g. a time series). */
  void data(String key, Object value) {
    section.put(key, value);
  }

  /** A line of text only. */
  void note(String s) {
    line("  " + s);
  }

  String text() {
    return text.toString();
  }

  /** Writes the JSON tree to {@code file}, creating its directory. */
  void writeJson(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
  }

  private void line(String s) {
    text.append(s).append('\n');
    out.println(s);
    out.flush();
  }

  private static double round(double v) {
    return Math.abs(v) >= 100 || v == Math.rint(v) ? Math.round(v) : Math.round(v * 1000) / 1000.0;
  }

  private static String format(double v) {
    if (Math.abs(v) >= 100 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%,d", Math.round(v));
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
