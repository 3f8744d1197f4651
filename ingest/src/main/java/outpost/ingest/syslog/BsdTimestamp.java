package outpost.ingest.syslog;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;

/**
 * RFC 3164 section 4.1.2 TIMESTAMP ({@code Mmm dd hh:mm:ss}) with the variants real senders use,
 * and the year inference it needs. Immutable; the static methods are thread-safe.
 *
 * <p>Accepted: month in any case ({@code AUG}), day space-padded, zero-padded or unpadded, a year
 * before the time ({@code Mar 7 2008 19:06:53}, Cisco) or after it ({@code AUG 10 22:18:24 2009}),
 * a fraction ({@code .123}) and a trailing colon ({@code 19:06:53:}).
 *
 * @param end index just after the timestamp text
 * @param year the stated year, or 0 when the sender omitted it (the usual case)
 */
record BsdTimestamp(
    int end, int year, int month, int day, int hour, int minute, int second, int nanos) {

  /** How far ahead of arrival a timestamp may be before it is taken to be last year's. */
  static final Duration MAX_FUTURE_SKEW = Duration.ofDays(1);

  private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

  /** Reads a timestamp at {@code p}, or returns null when there is none. */
  static BsdTimestamp parse(String s, int p) {
    int n = s.length();
    if (p + 14 > n) {
      return null;
    }
    int month = month(s, p);
    if (month == 0) {
      return null;
    }
    int q = p + 3;
    if (s.charAt(q) != ' ') {
      return null;
    }
    while (q < n && s.charAt(q) == ' ') {
      q++;
    }
    int dayStart = q;
    while (q < n && q - dayStart < 3 && isDigit(s.charAt(q))) {
      q++;
    }
    if (q == dayStart || q - dayStart > 2 || q >= n || s.charAt(q) != ' ') {
      return null;
    }
    int day = digits(s, dayStart, q);
    q++;
    int year = 0;
    if (q + 5 <= n && digitsAt(s, q, 4) && s.charAt(q + 4) == ' ') {
      year = digits(s, q, q + 4);
      q += 5;
    }
    if (q + 8 > n
        || !digitsAt(s, q, 2)
        || s.charAt(q + 2) != ':'
        || !digitsAt(s, q + 3, 2)
        || s.charAt(q + 5) != ':'
        || !digitsAt(s, q + 6, 2)) {
      return null;
    }
    int hour = digits(s, q, q + 2);
    int minute = digits(s, q + 3, q + 5);
    int second = digits(s, q + 6, q + 8);
    q += 8;
    int nanos = 0;
    if (q < n && s.charAt(q) == '.') {
      int start = ++q;
      while (q < n && isDigit(s.charAt(q))) {
        q++;
      }
      if (q == start) {
        return null;
      }
      // keep nanosecond precision; further digits carry nothing
      int used = Math.min(q - start, 9);
      nanos = digits(s, start, start + used);
      for (int i = used; i < 9; i++) {
        nanos *= 10;
      }
    }
    if (q < n && s.charAt(q) == ':') {
      q++;
    }
    if (year == 0 && q + 5 <= n && s.charAt(q) == ' ' && digitsAt(s, q + 1, 4)) {
      if (q + 5 == n || s.charAt(q + 5) == ' ') {
        year = digits(s, q + 1, q + 5);
        q += 5;
      }
    }
    if (q < n && s.charAt(q) != ' ') {
      return null;
    }
    int checkYear = year == 0 ? 2000 : year; // a leap year, so Feb 29 passes until inference
    if (Rfc3339Timestamp.checkRanges(checkYear, month, day, hour, minute, second) != null) {
      return null;
    }
    return new BsdTimestamp(q, year, month, day, hour, minute, second, nanos);
  }

  /**
   * The instant in {@code zone}. Without a stated year, picks the latest year in which the
   * timestamp is not more than {@link #MAX_FUTURE_SKEW} after {@code received}: a Dec 31 message
   * received on Jan 1 belongs to last year, a Jan 1 message received a few seconds before midnight
   * on Dec 31 (sender clock ahead) to next year.
   */
  Instant toInstant(ZoneId zone, Instant received) {
    if (year != 0) {
      return at(year, zone);
    }
    Instant latest = received.plus(MAX_FUTURE_SKEW);
    int receivedYear = LocalDate.ofInstant(received, zone).getYear();
    // Feb 29 needs a leap year, which can be up to 8 years back (e.g. 2096 -> 2104 has none)
    for (int y = receivedYear + 1; y >= receivedYear - 8; y--) {
      if (day > Month.of(month).length(java.time.Year.isLeap(y))) {
        continue;
      }
      Instant candidate = at(y, zone);
      if (!candidate.isAfter(latest)) {
        return candidate;
      }
    }
    return at(receivedYear - 1, zone);
  }

  private Instant at(int y, ZoneId zone) {
    return LocalDateTime.of(y, month, day, hour, minute, second, nanos).atZone(zone).toInstant();
  }

  private static int month(String s, int p) {
    int a = s.charAt(p) | 0x20;
    int b = s.charAt(p + 1) | 0x20;
    int c = s.charAt(p + 2) | 0x20;
    for (int i = 0; i < MONTHS.length(); i += 3) {
      if (MONTHS.charAt(i) == a && MONTHS.charAt(i + 1) == b && MONTHS.charAt(i + 2) == c) {
        return i / 3 + 1;
      }
    }
    return 0;
  }

  private static boolean digitsAt(String s, int p, int count) {
    for (int i = p; i < p + count; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (s.charAt(i) - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
