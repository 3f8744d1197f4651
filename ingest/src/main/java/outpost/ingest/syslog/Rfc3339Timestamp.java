package outpost.ingest.syslog;

import java.time.LocalDate;

/**
 * Hand-written reader of RFC 3339 timestamps as RFC 5424 section 6.2.3 uses them, faster than
 * {@code DateTimeFormatter}. Stateless and thread-safe.
 *
 * <p>Leniencies, all seen from real senders: lower-case {@code t} and {@code z} (allowed by RFC
 * 3339 section 5.6, forbidden by RFC 5424), up to 9 fraction digits (rsyslog and Windows agents
 * send 7 to 9; RFC 5424 allows 6), and, only when asked, no offset at all (RFC 3164 relays).
 */
final class Rfc3339Timestamp {
  /** Nanosecond precision; more digits carry no information and suggest garbage. */
  static final int MAX_FRACTION_DIGITS = 9;

  private static final int BASE_LENGTH = 19; // YYYY-MM-DDTHH:MM:SS

  private Rfc3339Timestamp() {}

  /** True when {@code s} at {@code p} starts like {@code YYYY-}, so a reader should try it. */
  static boolean looksLikeOne(String s, int p) {
    return p + 5 <= s.length()
        && digit(s, p)
        && digit(s, p + 1)
        && digit(s, p + 2)
        && digit(s, p + 3)
        && s.charAt(p + 4) == '-';
  }

  /**
   * Reads a timestamp at {@code p} that must end at the end of {@code s} or before a space.
   *
   * @throws ParseFailure naming the offending text and the rule it breaks
   */
  static DateTimeText parse(String s, int p, boolean offsetRequired) {
    int tokenEnd = s.indexOf(' ', p);
    if (tokenEnd < 0) {
      tokenEnd = s.length();
    }
    if (tokenEnd - p < BASE_LENGTH) {
      throw invalid(s, p, tokenEnd, "too short for YYYY-MM-DDTHH:MM:SS");
    }
    int year = number(s, p, 4, tokenEnd);
    expect(s, p + 4, '-', tokenEnd);
    int month = number(s, p + 5, 2, tokenEnd);
    expect(s, p + 7, '-', tokenEnd);
    int day = number(s, p + 8, 2, tokenEnd);
    char t = s.charAt(p + 10);
    if (t != 'T' && t != 't') {
      throw invalid(s, p, tokenEnd, "expected 'T' between date and time");
    }
    int hour = number(s, p + 11, 2, tokenEnd);
    expect(s, p + 13, ':', tokenEnd);
    int minute = number(s, p + 14, 2, tokenEnd);
    expect(s, p + 16, ':', tokenEnd);
    int second = number(s, p + 17, 2, tokenEnd);
    String range = checkRanges(year, month, day, hour, minute, second);
    if (range != null) {
      throw invalid(s, p, tokenEnd, range);
    }
    int q = p + BASE_LENGTH;
    int nanos = 0;
    if (q < tokenEnd && s.charAt(q) == '.') {
      int start = ++q;
      while (q < tokenEnd && digit(s, q)) {
        q++;
      }
      int digits = q - start;
      if (digits == 0 || digits > MAX_FRACTION_DIGITS) {
        throw invalid(
            s, p, tokenEnd, "fraction has " + digits + " digits, limit " + MAX_FRACTION_DIGITS);
      }
      nanos = number(s, start, digits, tokenEnd);
      for (int i = digits; i < MAX_FRACTION_DIGITS; i++) {
        nanos *= 10;
      }
    }
    int offset = DateTimeText.NO_OFFSET;
    if (q < tokenEnd) {
      offset = offset(s, p, q, tokenEnd);
      q = offset == 0 && (s.charAt(q) == 'Z' || s.charAt(q) == 'z') ? q + 1 : q + 6;
    } else if (offsetRequired) {
      throw invalid(s, p, tokenEnd, "missing time zone offset");
    }
    if (q != tokenEnd) {
      throw invalid(s, p, tokenEnd, "unexpected text after the offset");
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    long local = epochDay * 86_400 + hour * 3600L + minute * 60L + second;
    return new DateTimeText(tokenEnd, local, nanos, offset);
  }

  /** Returns null when all fields are in range, else what is out of range. */
  static String checkRanges(int year, int month, int day, int hour, int minute, int second) {
    if (month < 1 || month > 12) {
      return "month " + month + " outside 1..12";
    }
    int monthLength = java.time.Month.of(month).length(java.time.Year.isLeap(year));
    if (day < 1 || day > monthLength) {
      return "day " + day + " outside 1.." + monthLength + " for " + year + "-" + month;
    }
    if (hour > 23 || minute > 59 || second > 59) {
      // RFC 5424 section 6.2.3: leap seconds (60) MUST NOT be used
      return "time " + hour + ":" + minute + ":" + second + " out of range";
    }
    return null;
  }

  private static int offset(String s, int start, int q, int tokenEnd) {
    char c = s.charAt(q);
    if (c == 'Z' || c == 'z') {
      return 0;
    }
    if ((c != '+' && c != '-') || q + 6 > tokenEnd || s.charAt(q + 3) != ':') {
      throw invalid(s, start, tokenEnd, "expected Z or +HH:MM offset");
    }
    int hours = number(s, q + 1, 2, tokenEnd);
    int minutes = number(s, q + 4, 2, tokenEnd);
    if (hours > 23 || minutes > 59) {
      throw invalid(s, start, tokenEnd, "offset " + hours + ":" + minutes + " out of range");
    }
    int seconds = hours * 3600 + minutes * 60;
    return c == '-' ? -seconds : seconds;
  }

  private static int number(String s, int p, int digits, int tokenEnd) {
    if (p + digits > tokenEnd) {
      throw invalid(s, p, tokenEnd, "truncated");
    }
    int value = 0;
    for (int i = p; i < p + digits; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw invalid(s, p, tokenEnd, "expected a digit at '" + c + "'");
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static void expect(String s, int p, char wanted, int tokenEnd) {
    if (s.charAt(p) != wanted) {
      throw invalid(s, p, tokenEnd, "expected '" + wanted + "'");
    }
  }

  private static boolean digit(String s, int p) {
    char c = s.charAt(p);
    return c >= '0' && c <= '9';
  }

  private static ParseFailure invalid(String s, int p, int end, String why) {
    return new ParseFailure(
        "invalid TIMESTAMP " + ParseFailure.excerpt(s, p, Math.max(p, end)) + ": " + why);
  }
}
