package outpost.alerts.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses plugin performance data, {@code 'label'=value[UOM];[warn];[crit];[min];[max]} separated by
 * spaces, as in the Nagios plugin guidelines: a label with spaces is single-quoted and a quote in
 * it is doubled ({@code ''}); a value of {@code U} means undetermined (NaN); trailing fields may be
 * missing. Lenient where real plugins are sloppy: an item that does not parse is skipped and the
 * items after it are still read; a decimal comma ({@code 0,5}) is read as a point. Stateless and
 * thread-safe.
 */
public final class PerfDataParser {
  /** Items beyond this are ignored: a plugin cannot flood the state store. */
  public static final int MAX_ITEMS = 100;

  private static final Pattern VALUE =
      Pattern.compile("^([-+]?(?:\\d+(?:[.,]\\d*)?|[.,]\\d+)(?:[eE][-+]?\\d+)?|U)([a-zA-Z%]*)$");

  private PerfDataParser() {}

  /** Every well-formed item of {@code perfData} in order, at most {@link #MAX_ITEMS}. */
  public static List<PerfValue> parse(String perfData) {
    List<PerfValue> values = new ArrayList<>();
    if (perfData == null) {
      return values;
    }
    String s = perfData;
    int i = 0;
    while (i < s.length() && values.size() < MAX_ITEMS) {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i >= s.length()) {
        break;
      }
      String label;
      if (s.charAt(i) == '\'') {
        StringBuilder b = new StringBuilder();
        int j = i + 1;
        boolean closed = false;
        while (j < s.length()) {
          char c = s.charAt(j);
          if (c == '\'') {
            if (j + 1 < s.length() && s.charAt(j + 1) == '\'') {
              b.append('\'');
              j += 2;
              continue;
            }
            closed = true;
            j++;
            break;
          }
          b.append(c);
          j++;
        }
        if (!closed || j >= s.length() || s.charAt(j) != '=') {
          i = skipToken(s, i + 1);
          continue;
        }
        label = b.toString();
        i = j + 1;
      } else {
        int j = i;
        while (j < s.length() && s.charAt(j) != '=' && !Character.isWhitespace(s.charAt(j))) {
          j++;
        }
        if (j >= s.length() || s.charAt(j) != '=' || j == i) {
          i = skipToken(s, i);
          continue;
        }
        label = s.substring(i, j);
        i = j + 1;
      }
      int end = skipToken(s, i);
      item(label, s.substring(i, end)).ifPresent(values::add);
      i = end;
    }
    return values;
  }

  private static int skipToken(String s, int i) {
    while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static Optional<PerfValue> item(String label, String spec) {
    if (label.isBlank()) {
      return Optional.empty();
    }
    String[] fields = spec.split(";", -1);
    Matcher m = VALUE.matcher(fields[0]);
    if (!m.matches()) {
      return Optional.empty();
    }
    double value = m.group(1).equals("U") ? Double.NaN : number(m.group(1));
    String warn = fields.length > 1 ? fields[1].strip() : "";
    String crit = fields.length > 2 ? fields[2].strip() : "";
    Double min = fields.length > 3 ? optionalNumber(fields[3]) : null;
    Double max = fields.length > 4 ? optionalNumber(fields[4]) : null;
    return Optional.of(new PerfValue(label, value, m.group(2), warn, crit, min, max));
  }

  private static double number(String s) {
    return Double.parseDouble(s.replace(',', '.'));
  }

  private static Double optionalNumber(String s) {
    String t = s.strip();
    if (t.isEmpty()) {
      return null;
    }
    Matcher m = VALUE.matcher(t);
    return m.matches() && !m.group(1).equals("U") ? number(m.group(1)) : null;
  }

  /** Formats values back into plugin syntax, quoting labels that need it. */
  public static String format(List<PerfValue> values) {
    StringBuilder b = new StringBuilder();
    for (PerfValue v : values) {
      if (!b.isEmpty()) {
        b.append(' ');
      }
      String label = v.label();
      if (label.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '=')) {
        label = "'" + label.replace("'", "''") + "'";
      }
      b.append(label).append('=').append(Double.isNaN(v.value()) ? "U" : num(v.value()));
      b.append(v.unit()).append(';').append(v.warning()).append(';').append(v.critical());
      b.append(';').append(v.min() == null ? "" : num(v.min()));
      b.append(';').append(v.max() == null ? "" : num(v.max()));
      int end = b.length();
      while (b.charAt(end - 1) == ';') {
        end--;
      }
      b.setLength(end);
    }
    return b.toString();
  }

  static String num(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
