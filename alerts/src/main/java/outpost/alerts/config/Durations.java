package outpost.alerts.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the checks file writes them (as the check kinds read theirs): a whole number and one
 * unit, {@code 500ms}, {@code 30s}, {@code 1m}, {@code 2h}, {@code 1d}; a bare {@code 0} is zero.
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
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a duration (a whole number with ms, s, m, h or d, e.g. 30s)");
    }
    long n = Long.parseLong(m.group(1));
    Duration total =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    if (total.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(
          "duration \"" + text + "\" exceeds limit " + MAX.toDays() + "d");
    }
    return total;
  }

  /** The text {@link #parse} reads back as {@code d}, in the largest unit that divides it. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    long[] units = {86_400_000, 3_600_000, 60_000, 1_000};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (ms % units[i] == 0) {
        return ms / units[i] + names[i];
      }
    }
    return ms + "ms";
  }
}
