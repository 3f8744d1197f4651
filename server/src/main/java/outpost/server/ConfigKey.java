package outpost.server;

import java.util.Locale;
import java.util.Objects;

/**
 * One configuration key: its dotted YAML path, default and meaning. The environment variable that
 * overrides it is {@code OUTPOST_} + the path upper-cased with dots as underscores.
 *
 * @param path dotted YAML path, e.g. {@code syslog.udp_port}
 * @param defaultValue the value used when neither file nor environment sets it; empty for none
 * @param description one line for the README's config reference
 */
public record ConfigKey(String path, String defaultValue, String description) {
  public ConfigKey {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
  }

  /** The environment variable that overrides this key, e.g. {@code OUTPOST_SYSLOG_UDP_PORT}. */
  public String envVar() {
    return "OUTPOST_" + path.replace('.', '_').toUpperCase(Locale.ROOT);
  }
}
