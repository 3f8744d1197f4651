package outpost.alerts.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of the checks file as read, with the 1-based line it starts on, so every error can name
 * its line. Immutable.
 */
sealed interface YamlNode {
  int line();

  /** A scalar's text (numbers and booleans as written); null for YAML null. */
  record Scalar(String text, int line) implements YamlNode {}

  /** A list of nodes. */
  record Sequence(List<YamlNode> items, int line) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  /** A mapping in file order; each value knows its own line. */
  record Mapping(Map<String, YamlNode> entries, Map<String, Integer> keyLines, int line)
      implements YamlNode {
    public Mapping {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
      keyLines = Map.copyOf(keyLines);
    }

    int lineOf(String key) {
      return keyLines.getOrDefault(key, line);
    }
  }

  /** What a node is called in error messages. */
  static String describe(YamlNode node) {
    return switch (node) {
      case Scalar s -> s.text() == null ? "null" : "\"" + s.text() + "\"";
      case Sequence s -> "a list";
      case Mapping m -> "a mapping";
    };
  }
}
