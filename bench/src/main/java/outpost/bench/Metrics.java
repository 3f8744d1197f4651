package outpost.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Prometheus text scrape (exposition format 0.0.4), reduced to sums by metric name and label.
 * Immutable and thread-safe.
 */
final class Metrics {
  private record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private Metrics(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  static Metrics parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      String name;
      Map<String, String> labels = new TreeMap<>();
      if (brace >= 0 && brace < space) {
        name = line.substring(0, brace);
        parseLabels(line.substring(brace + 1, line.lastIndexOf('}')), labels);
      } else {
        name = line.substring(0, line.indexOf(' '));
      }
      try {
        samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
      } catch (NumberFormatException e) {
        // a timestamped or unusual line: not one the benchmark reads
      }
    }
    return new Metrics(samples);
  }

  private static void parseLabels(String s, Map<String, String> out) {
    int i = 0;
    while (i < s.length()) {
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        return;
      }
      String key = s.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2; // past ="
      while (j < s.length() && s.charAt(j) != '"') {
        if (s.charAt(j) == '\\' && j + 1 < s.length()) {
          j++;
        }
        value.append(s.charAt(j++));
      }
      out.put(key, value.toString());
      i = j + 2; // past ",
    }
  }

  /** Whether any series of this name exists. */
  boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name.equals(name));
  }

  /** The sum over all series of {@code name}; 0 when there is none. */
  double sum(String name) {
    return samples.stream().filter(s -> s.name.equals(name)).mapToDouble(Sample::value).sum();
  }

  /** The sum over the series of {@code name} whose label {@code key} is {@code value}. */
  double sum(String name, String key, String value) {
    return samples.stream()
        .filter(s -> s.name.equals(name) && value.equals(s.labels.get(key)))
        .mapToDouble(Sample::value)
        .sum();
  }

  /** Each series of {@code name} as "label=value,..." to its value, for the report. */
  Map<String, Double> series(String name) {
    Map<String, Double> out = new TreeMap<>();
    for (Sample s : samples) {
      if (s.name.equals(name)) {
        out.merge(s.labels.toString(), s.value, Double::sum);
      }
    }
    return out;
  }

  /** Names of all metrics that start with {@code prefix}. */
  List<String> names(String prefix) {
    return samples.stream().map(Sample::name).filter(n -> n.startsWith(prefix)).distinct().toList();
  }
}
