package outpost.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Raw configuration values, each with where it came from: the default, the YAML file or an
 * environment variable (which wins). Typed getters validate and throw {@link ConfigException}
 * naming the origin, the key and the reason. Immutable once built; thread-safe.
 */
public final class ConfigSource {
  private static final long MAX_CONFIG_FILE_BYTES = 1 << 20;

  private final Map<String, Value> values;

  private record Value(String text, String origin) {}

  private ConfigSource(Map<String, Value> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * Reads the defaults, then {@code file} (may be null), then the {@code OUTPOST_*} entries of
   * {@code env}.
   */
  public static ConfigSource load(Path file, Map<String, String> env) {
    Map<String, Value> values = new HashMap<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      values.put(key.path(), new Value(key.defaultValue(), "default"));
    }
    if (file != null) {
      readYaml(file).forEach((k, v) -> values.put(k, new Value(v, "file " + file)));
    }
    for (ConfigKey key : ConfigKeys.ALL) {
      String text = env.get(key.envVar());
      if (text != null) {
        values.put(key.path(), new Value(text, "environment variable " + key.envVar()));
      }
    }
    return new ConfigSource(values);
  }

  private static Map<String, String> readYaml(Path file) {
    JsonNode root;
    try {
      if (Files.size(file) > MAX_CONFIG_FILE_BYTES) {
        throw new ConfigException(
            "config file " + file + ": size exceeds limit " + MAX_CONFIG_FILE_BYTES + " bytes");
      }
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (JacksonException e) {
      throw new ConfigException(
          "config file " + file + ": not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException("config file " + file + ": cannot read: " + e.getMessage(), e);
    }
    Map<String, String> flat = new LinkedHashMap<>();
    if (root == null || root.isNull() || root.isMissingNode()) {
      return flat;
    }
    if (!root.isObject()) {
      throw new ConfigException("config file " + file + ": top level must be a mapping of keys");
    }
    flatten(file, "", root, flat);
    return flat;
  }

  private static void flatten(Path file, String prefix, JsonNode node, Map<String, String> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String path = prefix + field.getKey();
      JsonNode value = field.getValue();
      ConfigKey key = ConfigKeys.BY_PATH.get(path);
      if (key == null && value.isObject()) {
        flatten(file, path + ".", value, out);
      } else if (key == null) {
        throw new ConfigException(
            "config file "
                + file
                + ": key '"
                + path
                + "': unknown key (see README, Configuration)");
      } else if (value.isObject()) {
        out.put(path, mapToText(value));
      } else if (value.isValueNode()) {
        out.put(path, value.isNull() ? "" : value.asText());
      } else if (isListOfValues(value)) {
        // a YAML list is the comma separated text the key takes (hosts, networks)
        StringJoiner joined = new StringJoiner(",");
        value.elements().forEachRemaining(e -> joined.add(e.asText()));
        out.put(path, joined.toString());
      } else {
        throw new ConfigException(
            "config file "
                + file
                + ": key '"
                + path
                + "': expected a single value or a list of values");
      }
    }
  }

  private static boolean isListOfValues(JsonNode node) {
    if (!node.isArray()) {
      return false;
    }
    for (JsonNode e : node) {
      if (!e.isValueNode() || e.isNull()) {
        return false;
      }
    }
    return true;
  }

  private static String mapToText(JsonNode map) {
    StringJoiner joined = new StringJoiner(",");
    map.fields().forEachRemaining(e -> joined.add(e.getKey() + "=" + e.getValue().asText()));
    return joined.toString();
  }

  /** The value's text, trimmed. */
  public String text(ConfigKey key) {
    return value(key).text().strip();
  }

  /** Where the key's value came from, for messages. */
  public String origin(ConfigKey key) {
    return value(key).origin();
  }

  /** An integer within [min, max]. */
  public int intValue(ConfigKey key, int min, int max) {
    long parsed;
    try {
      parsed = Long.parseLong(text(key));
    } catch (NumberFormatException e) {
      throw invalid(key, "'" + text(key) + "' is not a whole number");
    }
    if (parsed < min || parsed > max) {
      throw invalid(key, parsed + " is outside " + min + ".." + max);
    }
    return (int) parsed;
  }

  /** {@code true} or {@code false}. */
  public boolean booleanValue(ConfigKey key) {
    return switch (text(key).toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw invalid(key, "'" + text(key) + "' is not true or false");
    };
  }

  /** A byte size: a whole number with an optional unit (B, KiB, MiB, GiB, TiB; K/M/G/T too). */
  public long byteSize(ConfigKey key, long min, long max) {
    long parsed =
        ByteSizes.parse(text(key))
            .orElseThrow(() -> invalid(key, "'" + text(key) + "' is not a size like 64KiB"));
    if (parsed < min || parsed > max) {
      throw invalid(key, parsed + " bytes is outside " + min + ".." + max);
    }
    return parsed;
  }

  /** A time zone id such as {@code UTC} or {@code Europe/Berlin}; {@code fallback} when empty. */
  public ZoneId zone(ConfigKey key, ZoneId fallback) {
    return text(key).isEmpty() ? fallback : parseZone(key, text(key));
  }

  /** Host glob to zone pairs from {@code glob=Zone,glob=Zone}, in order. */
  public Map<String, ZoneId> zoneMap(ConfigKey key) {
    Map<String, ZoneId> zones = new LinkedHashMap<>();
    if (text(key).isEmpty()) {
      return zones;
    }
    for (String pair : text(key).split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw invalid(key, "'" + pair.strip() + "' is not glob=Zone");
      }
      zones.put(pair.substring(0, eq).strip(), parseZone(key, pair.substring(eq + 1).strip()));
    }
    return zones;
  }

  private ZoneId parseZone(ConfigKey key, String text) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw invalid(key, "'" + text + "' is not a time zone (" + e.getMessage() + ")");
    }
  }

  /** An error naming the origin, the key and the reason. */
  public ConfigException invalid(ConfigKey key, String reason) {
    return new ConfigException(origin(key) + ": key '" + key.path() + "': " + reason);
  }

  private Value value(ConfigKey key) {
    Value value = values.get(key.path());
    if (value == null) {
      throw new IllegalArgumentException("unregistered config key " + key.path());
    }
    return value;
  }
}
