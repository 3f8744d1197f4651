package outpost.alerts.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A group of hosts that templates apply to: hosts whose name matches {@code hostGlob} ({@code *}
 * any run of characters, {@code ?} one) and/or that logged from {@code app}. Both given: both must
 * hold. Immutable.
 */
public record HostGroup(String name, String hostGlob, String app) {
  public HostGroup {
    Objects.requireNonNull(name, "name");
    hostGlob = Objects.requireNonNullElse(hostGlob, "");
    app = Objects.requireNonNullElse(app, "");
    if (hostGlob.isEmpty() && app.isEmpty()) {
      throw new IllegalArgumentException("host group " + name + " matches neither host nor app");
    }
  }

  public boolean matches(String host, List<String> apps) {
    return (hostGlob.isEmpty() || globMatches(hostGlob, host))
        && (app.isEmpty() || apps.contains(app));
  }

  static boolean globMatches(String glob, String text) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.matches(regex.toString(), text);
  }
}
