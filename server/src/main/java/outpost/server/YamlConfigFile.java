package outpost.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Reads the YAML config file into dotted keys, each with the line it is on, so every message can
 * name file, line and key. Unknown keys and nested lists are reported to a problem sink and
 * skipped, so a check can list them all. Stateless.
 */
final class YamlConfigFile {
  private static final long MAX_CONFIG_FILE_BYTES = 1 << 20;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One key's text and the line it is on (1-based). */
  record Entry(String text, int line) {}

  private YamlConfigFile() {}

  /**
   * The file's known keys in file order.
   *
   * @param problems receives one message per unknown key or list value (the key is skipped)
   * @throws ConfigException when the file cannot be read or is not a YAML mapping
   */
  static Map<String, Entry> read(Path file, Consumer<ConfigException> problems) {
    Map<String, Entry> out = new LinkedHashMap<>();
    try {
      if (Files.size(file) > MAX_CONFIG_FILE_BYTES) {
        throw new ConfigException(
            "config file " + file + ": size exceeds limit " + MAX_CONFIG_FILE_BYTES + " bytes");
      }
      YAML.readTree(file.toFile()); // the whole file's syntax first, before any key's problem
      try (JsonParser p = YAML.createParser(file.toFile())) {
        JsonToken first = p.nextToken();
        if (first == null || first == JsonToken.VALUE_NULL) {
          return out;
        }
        if (first != JsonToken.START_OBJECT) {
          throw new ConfigException(
              "config file " + file + ": top level must be a mapping of keys");
        }
        mapping(p, file, "", out, problems);
      }
    } catch (JacksonException e) {
      throw new ConfigException(
          "config file "
              + file
              + " line "
              + e.getLocation().getLineNr()
              + ": not valid YAML: "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new ConfigException("config file " + file + ": cannot read: " + e.getMessage(), e);
    }
    return out;
  }

  /** The origin text of a key from this file, e.g. {@code file /etc/outpost.yml line 4}. */
  static String origin(Path file, int line) {
    return "file " + file + " line " + line;
  }

  private static void mapping(
      JsonParser p,
      Path file,
      String prefix,
      Map<String, Entry> out,
      Consumer<ConfigException> problems)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String path = prefix + p.currentName();
      int line = p.currentTokenLocation().getLineNr();
      JsonToken value = p.nextToken();
      ConfigKey key = ConfigKeys.BY_PATH.get(path);
      String where = origin(file, line) + ": key '" + path + "': ";
      if (key == null && value == JsonToken.START_OBJECT) {
        mapping(p, file, path + ".", out, problems);
      } else if (key == null) {
        problems.accept(new ConfigException(where + "unknown key (see README, Configuration)"));
        p.skipChildren();
      } else if (value == JsonToken.START_OBJECT) {
        out.put(path, new Entry(mapToText(p.readValueAsTree()), line));
      } else if (value == JsonToken.START_ARRAY) {
        listValue(p.readValueAsTree(), where, line, path, out, problems);
      } else {
        out.put(path, new Entry(value == JsonToken.VALUE_NULL ? "" : p.getText(), line));
      }
    }
  }

  /** A YAML list of plain values is the comma separated text the key takes (hosts, networks). */
  private static void listValue(
      JsonNode list,
      String where,
      int line,
      String path,
      Map<String, Entry> out,
      Consumer<ConfigException> problems) {
    StringJoiner joined = new StringJoiner(",");
    for (JsonNode e : list) {
      if (!e.isValueNode() || e.isNull()) {
        problems.accept(new ConfigException(where + "expected a single value or a list of values"));
        return;
      }
      joined.add(e.asText());
    }
    out.put(path, new Entry(joined.toString(), line));
  }

  private static String mapToText(JsonNode map) {
    StringJoiner joined = new StringJoiner(",");
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      joined.add(e.getKey() + "=" + e.getValue().asText());
    }
    return joined.toString();
  }
}
