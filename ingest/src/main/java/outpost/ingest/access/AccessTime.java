package outpost.ingest.access;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads Apache's {@code %t}, {@code [17/May/2015:10:05:03 +0000]}, by hand. Stateless and
 * thread-safe.
 */
final class AccessTime {
  /** Length of {@code [dd/Mon/yyyy:HH:MM:SS +zzzz]}. */
  static final int LENGTH = 28;

  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  private AccessTime() {}

  /** Parses the bracketed time at {@code p}, or returns null when it is not one. */
  static Instant parse(String s, int p) {
    if (p + LENGTH > s.length()
        || s.charAt(p) != '['
        || s.charAt(p + 3) != '/'
        || s.charAt(p + 7) != '/'
        || s.charAt(p + 12) != ':'
        || s.charAt(p + 15) != ':'
        || s.charAt(p + 18) != ':'
        || s.charAt(p + 21) != ' '
        || s.charAt(p + 27) != ']') {
      return null;
    }
    int day = AccessLogExtractor.digits(s, p + 1, 2);
    int month = month(s, p + 4);
    int year = AccessLogExtractor.digits(s, p + 8, 4);
    int hour = AccessLogExtractor.digits(s, p + 13, 2);
    int minute = AccessLogExtractor.digits(s, p + 16, 2);
    int second = AccessLogExtractor.digits(s, p + 19, 2);
    char sign = s.charAt(p + 22);
    int offsetHours = AccessLogExtractor.digits(s, p + 23, 2);
    int offsetMinutes = AccessLogExtractor.digits(s, p + 25, 2);
    if (day < 1
        || month < 1
        || year < 0
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 60
        || (sign != '+' && sign != '-')
        || offsetHours < 0
        || offsetHours > 23
        || offsetMinutes < 0
        || offsetMinutes > 59
        || day > java.time.Month.of(month).length(java.time.Year.isLeap(year))) {
      return null;
    }
    int offset = (offsetHours * 3600 + offsetMinutes * 60) * (sign == '-' ? -1 : 1);
    long local =
        LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3600L + minute * 60L + second;
    return Instant.ofEpochSecond(local - offset);
  }

  private static int month(String s, int p) {
    for (int i = 0; i < MONTHS.length(); i += 3) {
      if (s.regionMatches(p, MONTHS, i, 3)) {
        return i / 3 + 1;
      }
    }
    return -1;
  }
}
