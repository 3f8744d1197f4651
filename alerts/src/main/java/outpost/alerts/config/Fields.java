package outpost.alerts.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed access to one mapping of the checks file; every error names the file, line and key path.
 * Keys outside the allowed set are rejected.
 */
final class Fields {
  private final Path file;
  private final String path;
  private final YamlNode.Mapping mapping;

  private Fields(Path file, String path, YamlNode.Mapping mapping) {
    this.file = file;
    this.path = path;
    this.mapping = mapping;
  }

  /** {@code node} as a mapping whose keys are all in {@code allowed}. */
  static Fields of(Path file, String path, YamlNode node, Set<String> allowed) {
    if (!(node instanceof YamlNode.Mapping m)) {
      throw new AlertConfigException(
          file, node.line(), path, "expected a mapping, found " + YamlNode.describe(node));
    }
    for (String key : m.entries().keySet()) {
      if (!allowed.contains(key)) {
        throw new AlertConfigException(
            file,
            m.lineOf(key),
            join(path, key),
            "unknown key (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
    return new Fields(file, path, m);
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  String path() {
    return path;
  }

  String path(String key) {
    return join(path, key);
  }

  int line() {
    return mapping.line();
  }

  int line(String key) {
    return mapping.lineOf(key);
  }

  Map<String, YamlNode> entries() {
    return mapping.entries();
  }

  boolean has(String key) {
    YamlNode n = mapping.entries().get(key);
    return n != null && !(n instanceof YamlNode.Scalar s && s.text() == null);
  }

  AlertConfigException error(String key, String reason) {
    return new AlertConfigException(file, line(key), path(key), reason);
  }

  String string(String key, String fallback) {
    if (!has(key)) {
      return fallback;
    }
    YamlNode n = mapping.entries().get(key);
    if (n instanceof YamlNode.Scalar s) {
      return s.text();
    }
    throw error(key, "expected a value, found " + YamlNode.describe(n));
  }

  String required(String key) {
    String s = string(key, null);
    if (s == null || s.isBlank()) {
      throw new AlertConfigException(file, line(), path(key), "missing");
    }
    return s;
  }

  <T> T parsed(String key, T fallback, Function<String, T> parser) {
    String s = string(key, null);
    if (s == null) {
      return fallback;
    }
    try {
      return parser.apply(s);
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw error(key, e.getMessage());
    }
  }

  Duration duration(String key, Duration fallback) {
    return parsed(key, fallback, Durations::parse);
  }

  int integer(String key, int fallback, int min, int max) {
    return parsed(
        key,
        fallback,
        s -> {
          int v;
          try {
            v = Integer.parseInt(s.strip());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + s + "\" is not a whole number");
          }
          if (v < min || v > max) {
            throw new IllegalArgumentException(v + " outside " + min + ".." + max);
          }
          return v;
        });
  }

  double number(String key, double fallback, double min, double max) {
    return parsed(
        key,
        fallback,
        s -> {
          double v;
          try {
            v = Double.parseDouble(s.strip());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + s + "\" is not a number");
          }
          if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(s + " outside " + min + ".." + max);
          }
          return v;
        });
  }

  boolean bool(String key, boolean fallback) {
    return parsed(
        key,
        fallback,
        s ->
            switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
              case "true", "yes", "on" -> true;
              case "false", "no", "off" -> false;
              default -> throw new IllegalArgumentException("\"" + s + "\" is not true or false");
            });
  }

  /** A list of scalars; a single scalar counts as a list of one. */
  List<String> strings(String key) {
    if (!has(key)) {
      return List.of();
    }
    YamlNode n = mapping.entries().get(key);
    if (n instanceof YamlNode.Scalar s) {
      return List.of(s.text());
    }
    List<String> out = new ArrayList<>();
    for (YamlNode item : ((YamlNode.Sequence) asSequence(key)).items()) {
      if (!(item instanceof YamlNode.Scalar s) || s.text() == null) {
        throw new AlertConfigException(
            file, item.line(), path(key), "expected a value, found " + YamlNode.describe(item));
      }
      out.add(s.text());
    }
    return out;
  }

  /** The items of a list (empty when absent). */
  List<YamlNode> items(String key) {
    if (!has(key)) {
      return List.of();
    }
    return ((YamlNode.Sequence) asSequence(key)).items();
  }

  YamlNode node(String key) {
    return mapping.entries().get(key);
  }

  private YamlNode asSequence(String key) {
    YamlNode n = mapping.entries().get(key);
    if (!(n instanceof YamlNode.Sequence)) {
      throw error(key, "expected a list, found " + YamlNode.describe(n));
    }
    return n;
  }
}
