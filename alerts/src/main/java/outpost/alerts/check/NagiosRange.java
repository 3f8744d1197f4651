package outpost.alerts.check;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A threshold range as the Nagios plugin development guidelines define it: {@code [@]start:end}.
 * Without {@code @} a value alerts when it lies outside [start, end]; with {@code @} it alerts when
 * it lies inside (both ends inclusive). A missing start is 0, {@code ~} is negative infinity, a
 * missing end (after {@code :}) is positive infinity. So {@code 10} alerts below 0 or above 10,
 * {@code 10:} below 10, {@code ~:10} above 10, {@code 10:20} outside 10..20 and {@code @10:20}
 * inside 10..20. Immutable and thread-safe.
 *
 * @param start lower end, may be {@link Double#NEGATIVE_INFINITY}
 * @param end upper end, may be {@link Double#POSITIVE_INFINITY}
 * @param inside true for {@code @}: alert when inside the range
 * @param text the range as written
 */
public record NagiosRange(double start, double end, boolean inside, String text) {
  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)");

  public NagiosRange {
    Objects.requireNonNull(text, "text");
    if (Double.isNaN(start) || Double.isNaN(end) || start > end) {
      throw new IllegalArgumentException("range start " + start + " > end " + end);
    }
  }

  /**
   * Parses a range as written in a checks file or perfdata.
   *
   * @throws IllegalArgumentException naming the text and what is wrong with it
   */
  public static NagiosRange parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    boolean inside = s.startsWith("@");
    if (inside) {
      s = s.substring(1);
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a Nagios range (empty; e.g. 10, 10:, ~:10, 10:20, @10:20)");
    }
    int colon = s.indexOf(':');
    double start;
    double end;
    if (colon < 0) {
      start = 0;
      end = number(s, text);
    } else {
      String left = s.substring(0, colon);
      String right = s.substring(colon + 1);
      start = left.equals("~") ? Double.NEGATIVE_INFINITY : left.isEmpty() ? 0 : number(left, text);
      end = right.isEmpty() ? Double.POSITIVE_INFINITY : number(right, text);
    }
    if (start > end) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not a Nagios range (start "
              + fmt(start)
              + " > end "
              + fmt(end)
              + ")");
    }
    return new NagiosRange(start, end, inside, text.strip());
  }

  private static double number(String s, String text) {
    if (!NUMBER.matcher(s).matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a Nagios range (\"" + s + "\" is not a number)");
    }
    return Double.parseDouble(s);
  }

  /** True when {@code value} should raise an alert under this range; NaN never alerts. */
  public boolean alerts(double value) {
    if (Double.isNaN(value)) {
      return false;
    }
    boolean within = value >= start && value <= end;
    return inside == within;
  }

  @Override
  public String toString() {
    return text;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && !Double.isInfinite(d)
        ? Long.toString((long) d)
        : Double.toString(d);
  }
}
