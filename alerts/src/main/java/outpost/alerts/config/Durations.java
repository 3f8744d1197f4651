package outpost.alerts.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the checks file writes them: one or more number-unit pairs such as {@code 30s},
 * {@code 1m}, {@code 1h30m}, {@code 500ms}, {@code 2d}; a bare {@code 0} is zero.
 */
public final class Durations {
  /** The longest duration accepted (a year): anything longer is a typo. */
  public static final Duration MAX = Duration.ofDays(366);

  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private Durations() {}

  /**
   * @throws IllegalArgumentException naming the text when it is not a duration or exceeds {@link
   *     #MAX}
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration (write e.g. 30s, 5m, 1h)");
    }
    String s = text.strip();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException(
            "\"" + text + "\" is not a duration (write e.g. 30s, 5m, 1h30m, 500ms)");
      }
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
      at = m.end();
    }
    if (total.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(
          "duration \"" + text + "\" exceeds limit " + MAX.toDays() + "d");
    }
    return total;
  }

  /** The shortest text {@link #parse} reads back as {@code d}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    StringBuilder b = new StringBuilder();
    long[] units = {86400, 3600, 60, 1};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (s >= units[i]) {
        b.append(s / units[i]).append(names[i]);
        s %= units[i];
      }
    }
    return b.toString();
  }
}
