package outpost.alerts.check;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in checks files ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code
 * 2d}) and as shown in outputs ({@code 23m}, {@code 1h05m}). Stateless and thread-safe.
 */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses one number with its unit.
   *
   * @throws IllegalArgumentException naming the text and the accepted form
   */
  public static Duration parse(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a duration (a whole number with ms, s, m, h or d, e.g. 10s)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** Short human form: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 5m30s}, {@code 2h05m}. */
  public static String format(Duration d) {
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    long s = d.toSeconds();
    if (s < 60) {
      return ms % 1000 == 0 ? s + "s" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    if (s < 3600) {
      return s % 60 == 0 ? s / 60 + "m" : s / 60 + "m" + pad(s % 60) + "s";
    }
    if (s < 86_400) {
      long m = s / 60 % 60;
      return m == 0 ? s / 3600 + "h" : s / 3600 + "h" + pad(m) + "m";
    }
    long h = s / 3600 % 24;
    return h == 0 ? s / 86_400 + "d" : s / 86_400 + "d" + pad(h) + "h";
  }

  private static String pad(long n) {
    return n < 10 ? "0" + n : Long.toString(n);
  }
}
