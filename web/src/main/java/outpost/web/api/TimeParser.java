package outpost.web.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the {@code from} and {@code to} query parameters. Accepted forms:
 *
 * <ul>
 *   <li>an ISO-8601 instant with {@code Z} or an offset: {@code 2026-11-23T10:00:00Z}, {@code
 *       2026-11-23T11:00:00.250+01:00} (seconds and fraction optional)
 *   <li>a date, meaning its start in UTC: {@code 2026-11-23}
 *   <li>epoch milliseconds: {@code 1795428000000}
 *   <li>{@code now}, or now minus or plus an amount of s, m, h, d or w: {@code now-15m}, {@code
 *       now-7d}
 * </ul>
 *
 * A date-time without an offset is refused: whose local time it means is a guess. Relative forms
 * stay relative ({@link TimeSpec.Relative}) until the controller resolves them against one "now"
 * per request. Stateless.
 */
public final class TimeParser {
  static final int MAX_INPUT_CHARS = 64;

  private static final Pattern RELATIVE = Pattern.compile("now(?:([+-])(\\d{1,9})([smhdw]))?");
  private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{1,15}");
  private static final String FORMS =
      "expected an ISO-8601 instant with offset (2026-11-23T10:00:00Z), a date (2026-11-23),"
          + " epoch milliseconds, or now-15m (units s m h d w)";

  private TimeParser() {}

  /**
   * Parses one value.
   *
   * @throws IllegalArgumentException with a message, for the user, that lists the accepted forms
   */
  public static TimeSpec parse(String text) {
    String value = text.strip();
    if (value.isEmpty() || value.length() > MAX_INPUT_CHARS) {
      throw new IllegalArgumentException(FORMS);
    }
    Matcher relative = RELATIVE.matcher(value);
    if (relative.matches()) {
      return new TimeSpec.Relative(value, offset(relative));
    }
    return new TimeSpec.Absolute(value, absolute(value));
  }

  private static Instant absolute(String value) {
    if (EPOCH_MILLIS.matcher(value).matches()) {
      return Instant.ofEpochMilli(Long.parseLong(value));
    }
    try {
      if (value.length() == 10) {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(FORMS, e);
    }
  }

  private static Duration offset(Matcher m) {
    if (m.group(1) == null) {
      return Duration.ZERO;
    }
    long amount = Long.parseLong(m.group(2));
    Duration unit =
        switch (m.group(3)) {
          case "s" -> Duration.ofSeconds(1);
          case "m" -> Duration.ofMinutes(1);
          case "h" -> Duration.ofHours(1);
          case "d" -> Duration.ofDays(1);
          default -> Duration.ofDays(7);
        };
    Duration offset = unit.multipliedBy(amount);
    return m.group(1).equals("-") ? offset.negated() : offset;
  }
}
