package outpost.alerts.notify;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a contact may be notified, in the style of a Nagios timeperiod: per weekday, one or more
 * time ranges in a zone, e.g. {@code "monday-friday 09:00-17:30; saturday 10:00-14:00"} or {@code
 * "* 00:00-24:00"}. Immutable and thread-safe.
 *
 * @param text the text it was parsed from
 * @param zone the zone the times are in
 * @param ranges per day, the ranges in seconds of the day, end exclusive
 */
public record TimePeriod(String text, ZoneId zone, Map<DayOfWeek, List<Range>> ranges) {
  private static final Pattern TIME_RANGE =
      Pattern.compile("([0-9]{1,2}):([0-9]{2})-([0-9]{1,2}):([0-9]{2})");
  private static final int MAX_TEXT_CHARS = 4096;

  /** {@code [startSecond, endSecond)} of a day; end at most 86400 (24:00). */
  public record Range(int startSecond, int endSecond) {
    public Range {
      if (startSecond < 0 || endSecond > 86_400 || startSecond >= endSecond) {
        throw new IllegalArgumentException(
            "time range " + startSecond + "s-" + endSecond + "s is not within one day");
      }
    }
  }

  public TimePeriod {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(zone, "zone");
    EnumMap<DayOfWeek, List<Range>> copy = new EnumMap<>(DayOfWeek.class);
    ranges.forEach((day, list) -> copy.put(day, List.copyOf(list)));
    ranges = Map.copyOf(copy);
  }

  /**
   * Parses entries separated by {@code ;} or new lines; each is a day spec ({@code *}, {@code
   * monday}, {@code monday-friday}, {@code mon,wed}) and comma-separated ranges {@code
   * HH:MM-HH:MM}.
   *
   * @throws IllegalArgumentException naming the part that is wrong
   */
  public static TimePeriod parse(String text, ZoneId zone) {
    Objects.requireNonNull(text, "time period");
    if (text.length() > MAX_TEXT_CHARS) {
      throw new IllegalArgumentException(
          "time period of " + text.length() + " characters exceeds limit " + MAX_TEXT_CHARS);
    }
    Map<DayOfWeek, List<Range>> days = new EnumMap<>(DayOfWeek.class);
    int entries = 0;
    for (String entry : text.split("[;\n]")) {
      String e = entry.strip();
      if (e.isEmpty()) {
        continue;
      }
      String[] parts = e.split("\\s+", 2);
      if (parts.length < 2) {
        throw new IllegalArgumentException(
            "time period entry '" + e + "' needs days and time ranges, e.g. 'monday 09:00-17:00'");
      }
      List<Range> parsed = new ArrayList<>();
      for (String r : parts[1].split("\\s*,\\s*")) {
        parsed.add(parseRange(r.strip(), e));
      }
      for (DayOfWeek day : parseDays(parts[0], e)) {
        days.computeIfAbsent(day, d -> new ArrayList<>()).addAll(parsed);
      }
      entries++;
    }
    if (entries == 0) {
      throw new IllegalArgumentException("time period '" + text + "' has no entries");
    }
    return new TimePeriod(text, zone, days);
  }

  /** True when {@code at}, seen in {@link #zone()}, falls in a range of its weekday. */
  public boolean contains(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    int second = local.toLocalTime().toSecondOfDay();
    for (Range r : ranges.getOrDefault(local.getDayOfWeek(), List.of())) {
      if (second >= r.startSecond() && second < r.endSecond()) {
        return true;
      }
    }
    return false;
  }

  private static List<DayOfWeek> parseDays(String spec, String entry) {
    String s = spec.toLowerCase(Locale.ROOT);
    if (s.equals("*")) {
      return List.of(DayOfWeek.values());
    }
    List<DayOfWeek> out = new ArrayList<>();
    for (String item : s.split(",")) {
      int dash = item.indexOf('-');
      if (dash < 0) {
        out.add(day(item, entry));
        continue;
      }
      DayOfWeek from = day(item.substring(0, dash), entry);
      DayOfWeek to = day(item.substring(dash + 1), entry);
      // a range may wrap over the week's end, as in "friday-monday"
      for (DayOfWeek d = from; ; d = d.plus(1)) {
        out.add(d);
        if (d == to) {
          break;
        }
      }
    }
    return out;
  }

  private static DayOfWeek day(String name, String entry) {
    for (DayOfWeek d : DayOfWeek.values()) {
      String full = d.name().toLowerCase(Locale.ROOT);
      if (name.equals(full) || name.equals(full.substring(0, 3))) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "time period entry '" + entry + "': '" + name + "' is not a weekday (monday..sunday or *)");
  }

  private static Range parseRange(String r, String entry) {
    Matcher m = TIME_RANGE.matcher(r);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "time period entry '" + entry + "': '" + r + "' is not a range HH:MM-HH:MM");
    }
    int start = seconds(m.group(1), m.group(2), r, entry);
    int end = seconds(m.group(3), m.group(4), r, entry);
    if (start >= end) {
      throw new IllegalArgumentException(
          "time period entry '"
              + entry
              + "': range '"
              + r
              + "' ends before it starts"
              + " (split ranges that cross midnight)");
    }
    return new Range(start, end);
  }

  private static int seconds(String hh, String mm, String r, String entry) {
    int h = Integer.parseInt(hh);
    int m = Integer.parseInt(mm);
    if (m > 59 || h > 24 || h == 24 && m != 0) {
      throw new IllegalArgumentException(
          "time period entry '" + entry + "': '" + r + "' has a time beyond 24:00");
    }
    return h * 3600 + m * 60;
  }
}
