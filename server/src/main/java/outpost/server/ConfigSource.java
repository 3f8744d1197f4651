package outpost.server;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Raw configuration values, each with where it came from: the default, a line of the YAML file or
 * an environment variable (which wins). Typed getters validate and throw {@link ConfigException}
 * naming the origin, the key and the reason.
 *
 * <p>A {@linkplain #collecting collecting} source, used by {@code bin/outpost check-config},
 * records each problem instead and carries on with the key's default, so one run reports every
 * mistake. Immutable once built apart from that record; not shared between threads.
 */
public final class ConfigSource {
  private final Map<String, Value> values;
  private final Set<String> problems; // null: strict, throw at the first problem

  private record Value(String text, String origin) {}

  private ConfigSource(Map<String, Value> values, Set<String> problems) {
    this.values = Map.copyOf(values);
    this.problems = problems;
  }

  /**
   * Reads the defaults, then {@code file} (may be null), then the {@code OUTPOST_*} entries of
   * {@code env}; throws at the first problem.
   */
  public static ConfigSource load(Path file, Map<String, String> env) {
    return load(file, env, null);
  }

  /** Like {@link #load}, but records problems (see {@link #problems()}) instead of throwing. */
  public static ConfigSource collecting(Path file, Map<String, String> env) {
    return load(file, env, new LinkedHashSet<>());
  }

  /** Every default, nothing else; strict. */
  static ConfigSource defaults() {
    return load(null, Map.of(), null);
  }

  private static ConfigSource load(Path file, Map<String, String> env, Set<String> problems) {
    Map<String, Value> values = new HashMap<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      values.put(key.path(), new Value(key.defaultValue(), "default"));
    }
    ConfigSource sink = new ConfigSource(Map.of(), problems);
    if (file != null) {
      try {
        YamlConfigFile.read(file, sink::reject)
            .forEach(
                (k, v) ->
                    values.put(k, new Value(v.text(), YamlConfigFile.origin(file, v.line()))));
      } catch (ConfigException e) {
        sink.reject(e);
      }
    }
    for (ConfigKey key : ConfigKeys.ALL) {
      String text = env.get(key.envVar());
      if (text != null) {
        values.put(key.path(), new Value(text, "environment variable " + key.envVar()));
      }
    }
    return new ConfigSource(values, problems);
  }

  /** The problems recorded so far, in order; always empty for a strict source. */
  public List<String> problems() {
    return problems == null ? List.of() : List.copyOf(problems);
  }

  /** Throws {@code problem} when strict; records it when collecting. */
  public void reject(ConfigException problem) {
    if (problems == null) {
      throw problem;
    }
    problems.add(problem.getMessage());
  }

  /**
   * {@code read}'s result; when it throws a {@link ConfigException} a strict source rethrows and a
   * collecting one records it and returns {@code fallback}'s.
   */
  public <T> T orElse(Supplier<T> read, Supplier<T> fallback) {
    try {
      return read.get();
    } catch (ConfigException e) {
      reject(e);
      return fallback.get();
    }
  }

  /** A typed read of one key; a collecting source falls back to the key's default. */
  private <T> T typed(Function<ConfigSource, T> read) {
    return orElse(() -> read.apply(this), () -> read.apply(defaults()));
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
    return typed(s -> s.parseInt(key, min, max));
  }

  private int parseInt(ConfigKey key, int min, int max) {
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
    return typed(s -> s.parseBoolean(key));
  }

  private boolean parseBoolean(ConfigKey key) {
    return switch (text(key).toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw invalid(key, "'" + text(key) + "' is not true or false");
    };
  }

  /** A byte size: a whole number with an optional unit (B, KiB, MiB, GiB, TiB; K/M/G/T too). */
  public long byteSize(ConfigKey key, long min, long max) {
    return typed(s -> s.parseByteSize(key, min, max));
  }

  private long parseByteSize(ConfigKey key, long min, long max) {
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
    return typed(s -> s.text(key).isEmpty() ? fallback : s.parseZone(key, s.text(key)));
  }

  /** Host glob to zone pairs from {@code glob=Zone,glob=Zone}, in order. */
  public Map<String, ZoneId> zoneMap(ConfigKey key) {
    return typed(s -> s.parseZoneMap(key));
  }

  private Map<String, ZoneId> parseZoneMap(ConfigKey key) {
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
