package outpost.alerts.check;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One check's flat string parameters with typed, validated access. String values have the macros
 * {@code $HOSTNAME$} and {@code $HOSTADDRESS$} substituted. Every failure is a {@link
 * CheckConfigException} naming the parameter. Not thread-safe; used while a check is built.
 */
final class Params {
  private final String kind;
  private final Map<String, String> raw;
  private final CheckTarget target;

  Params(String kind, Map<String, String> raw, CheckTarget target, Set<String> known) {
    this.kind = kind;
    this.raw = Map.copyOf(raw);
    this.target = target;
    for (String name : new TreeSet<>(raw.keySet())) {
      if (!known.contains(name)) {
        throw new CheckConfigException(
            name, "not a parameter of kind " + kind + " (known: " + new TreeSet<>(known) + ")");
      }
      if (raw.get(name) == null) {
        throw new CheckConfigException(name, "has no value");
      }
    }
  }

  String kind() {
    return kind;
  }

  CheckTarget target() {
    return target;
  }

  /** Replaces the host macros in {@code s}. */
  String macros(String s) {
    return s.replace("$HOSTNAME$", target.host()).replace("$HOSTADDRESS$", target.address());
  }

  boolean has(String name) {
    return raw.containsKey(name);
  }

  /** The value as written, without macros; for parameters that split before substituting. */
  Optional<String> verbatim(String name) {
    return Optional.ofNullable(raw.get(name));
  }

  Optional<String> string(String name) {
    return verbatim(name).map(this::macros);
  }

  String string(String name, String defaultValue) {
    return macros(raw.getOrDefault(name, defaultValue));
  }

  String required(String name) {
    String v = raw.get(name);
    if (v == null || v.isBlank()) {
      throw new CheckConfigException(name, "is required for kind " + kind);
    }
    return macros(v);
  }

  Duration duration(String name, Duration defaultValue) {
    String v = raw.get(name);
    if (v == null) {
      return defaultValue;
    }
    Duration d;
    try {
      d = Durations.parse(v);
    } catch (IllegalArgumentException e) {
      throw new CheckConfigException(name, e.getMessage());
    }
    if (d.isZero()) {
      throw new CheckConfigException(name, "\"" + v + "\" must be more than 0");
    }
    return d;
  }

  int integer(String name, int defaultValue, int min, int max) {
    String v = raw.get(name);
    if (v == null) {
      return defaultValue;
    }
    int n;
    try {
      n = Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new CheckConfigException(name, "\"" + v + "\" is not a whole number");
    }
    if (n < min || n > max) {
      throw new CheckConfigException(name, n + " is outside " + min + ".." + max);
    }
    return n;
  }

  Optional<Integer> optionalInteger(String name, int min, int max) {
    return has(name) ? Optional.of(integer(name, 0, min, max)) : Optional.empty();
  }

  double decimal(String name, double defaultValue, double min, double max) {
    String v = raw.get(name);
    if (v == null) {
      return defaultValue;
    }
    double d;
    try {
      d = Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new CheckConfigException(name, "\"" + v + "\" is not a number");
    }
    if (!(d >= min && d <= max)) {
      throw new CheckConfigException(name, v.strip() + " is outside " + min + ".." + max);
    }
    return d;
  }

  boolean bool(String name, boolean defaultValue) {
    String v = raw.get(name);
    if (v == null) {
      return defaultValue;
    }
    return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new CheckConfigException(name, "\"" + v + "\" is not true or false");
    };
  }

  Optional<NagiosRange> range(String name) {
    String v = raw.get(name);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(NagiosRange.parse(v));
    } catch (IllegalArgumentException e) {
      throw new CheckConfigException(name, e.getMessage());
    }
  }

  NagiosRange range(String name, String defaultValue) {
    return range(name).orElseGet(() -> NagiosRange.parse(defaultValue));
  }

  /** One of {@code allowed} (case-insensitive), lower-cased. */
  String choice(String name, String defaultValue, Set<String> allowed) {
    String v = raw.getOrDefault(name, defaultValue).strip().toLowerCase(java.util.Locale.ROOT);
    if (!allowed.contains(v)) {
      throw new CheckConfigException(
          name, "\"" + raw.get(name) + "\" is not one of " + new TreeSet<>(allowed));
    }
    return v;
  }
}
