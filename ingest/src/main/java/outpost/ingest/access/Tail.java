package outpost.ingest.access;

/**
 * What follows {@code %b} in an access-log line: Combined's quoted referer and user agent, and a
 * trailing duration. Immutable.
 *
 * @param referer empty when absent or {@code -}
 * @param userAgent empty when absent or {@code -}
 * @param durationMicros -1 when absent
 */
record Tail(String referer, String userAgent, long durationMicros) {
  /** Twelve digits of microseconds is eleven days; a longer number is not a duration. */
  static final int MAX_DURATION_DIGITS = 12;

  private static final int MICROS_PER_SECOND = 1_000_000;

  /** Parses from {@code p}, the index just after the bytes field. */
  static Tail parse(String s, int p, boolean integerIsSeconds) {
    String referer = "";
    String userAgent = "";
    int n = s.length();
    if (p + 1 < n && s.charAt(p) == ' ' && s.charAt(p + 1) == '"') {
      int refererClose = QuotedField.closingQuote(s, p + 1);
      if (refererClose > 0
          && refererClose + 2 < n
          && s.charAt(refererClose + 1) == ' '
          && s.charAt(refererClose + 2) == '"') {
        int agentClose = QuotedField.closingQuote(s, refererClose + 2);
        if (agentClose > 0) {
          referer = dashless(QuotedField.value(s, p + 1, refererClose));
          userAgent = dashless(QuotedField.value(s, refererClose + 2, agentClose));
          p = agentClose + 1;
        }
      }
    }
    return new Tail(referer, userAgent, duration(s, p, integerIsSeconds));
  }

  /** A lone trailing number: {@code 1234} ({@code %D}/{@code %T}) or {@code 0.123} (nginx). */
  private static long duration(String s, int p, boolean integerIsSeconds) {
    int n = s.length();
    if (p + 1 >= n || s.charAt(p) != ' ') {
      return -1;
    }
    int start = p + 1;
    int q = start;
    long whole = 0;
    while (q < n && q - start < MAX_DURATION_DIGITS && isDigit(s.charAt(q))) {
      whole = whole * 10 + (s.charAt(q++) - '0');
    }
    if (q == start) {
      return -1;
    }
    if (q == n) {
      return integerIsSeconds ? whole * MICROS_PER_SECOND : whole;
    }
    if (s.charAt(q) != '.') {
      return -1;
    }
    long fraction = 0;
    int scale = MICROS_PER_SECOND;
    int fractionStart = ++q;
    while (q < n && isDigit(s.charAt(q))) {
      if (scale > 1) {
        scale /= 10;
        fraction += (s.charAt(q) - '0') * (long) scale;
      }
      q++;
    }
    if (q != n || q == fractionStart) {
      return -1;
    }
    return whole * MICROS_PER_SECOND + fraction;
  }

  private static String dashless(String value) {
    return value.equals("-") ? "" : value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
