package outpost.alerts.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML document into {@link YamlNode}s that remember their lines (from Jackson's {@link
 * JsonLocation}). Rejects duplicate keys and documents nested deeper than {@link #MAX_DEPTH}.
 */
final class YamlReader {
  static final int MAX_DEPTH = 32;

  private static final YAMLFactory FACTORY = new YAMLFactory();

  private final Path file;

  YamlReader(Path file) {
    this.file = file;
  }

  /** The document's root, or an empty mapping for an empty file. */
  YamlNode read(Reader reader) throws IOException {
    try (JsonParser p = FACTORY.createParser(reader)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return new YamlNode.Mapping(Map.of(), Map.of(), 1);
      }
      return node(p, "", 0);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new AlertConfigException(
          file,
          at == null ? 0 : at.getLineNr(),
          "(document)",
          "not valid YAML: " + e.getOriginalMessage());
    }
  }

  private YamlNode node(JsonParser p, String path, int depth) throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    if (depth > MAX_DEPTH) {
      throw new AlertConfigException(file, line, path, "nested deeper than " + MAX_DEPTH);
    }
    JsonToken t = p.currentToken();
    return switch (t) {
      case START_OBJECT -> mapping(p, path, depth, line);
      case START_ARRAY -> sequence(p, path, depth, line);
      case VALUE_NULL -> new YamlNode.Scalar(null, line);
      default -> new YamlNode.Scalar(p.getText(), line);
    };
  }

  private YamlNode mapping(JsonParser p, String path, int depth, int line) throws IOException {
    Map<String, YamlNode> entries = new LinkedHashMap<>();
    Map<String, Integer> lines = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      int keyLine = p.currentTokenLocation().getLineNr();
      String keyPath = path.isEmpty() ? key : path + "." + key;
      if (entries.containsKey(key)) {
        throw new AlertConfigException(file, keyLine, keyPath, "duplicate key");
      }
      p.nextToken();
      entries.put(key, node(p, keyPath, depth + 1));
      lines.put(key, keyLine);
    }
    return new YamlNode.Mapping(entries, lines, line);
  }

  private YamlNode sequence(JsonParser p, String path, int depth, int line) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      items.add(node(p, path + "[" + items.size() + "]", depth + 1));
    }
    return new YamlNode.Sequence(items, line);
  }
}
