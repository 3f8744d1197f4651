package outpost.ingest.syslog;

/**
 * RFC 3164 section 4.1.3 TAG as real programs write it: {@code su:}, {@code sshd[123]:}, {@code
 * sshd(pam_unix)[123]:}, {@code %ASA-4-102030:}, a path ({@code /usr/sbin/gmetad:}), {@code
 * tag[123]} without colon, {@code syslogd 1.4.1:} (a version after the name) and {@code --
 * root[2421]:} (a leading {@code --}). Immutable.
 *
 * @param app the program name
 * @param procId the pid in brackets; empty when absent
 * @param messageStart index where CONTENT starts after the tag
 */
record Tag(String app, String procId, int messageStart) {
  /** RFC 3164 allows 32 characters; paths and Cisco mnemonics run longer, so allow more. */
  static final int MAX_TAG_LENGTH = 128;

  static final int MAX_PID_LENGTH = 128;

  /** Reads a tag at {@code p}, or returns null when the text there is not one. */
  static Tag parse(String s, int p) {
    if (s.startsWith("-- ", p)) {
      Tag after = word(s, p + 3);
      if (after != null) {
        return after;
      }
    }
    return word(s, p);
  }

  private static Tag word(String s, int p) {
    int n = s.length();
    int q = p;
    while (q < n && q - p <= MAX_TAG_LENGTH) {
      char c = s.charAt(q);
      if (c == ' ' || c == ':' || c == '[') {
        break;
      }
      q++;
    }
    if (q == p || q - p > MAX_TAG_LENGTH || q == n) {
      return null;
    }
    String app = s.substring(p, q);
    char c = s.charAt(q);
    if (c == '[') {
      return withPid(s, q, app);
    }
    if (c == ':') {
      // a colon before '/', ':' or a digit is a URL, an IPv6 address or a time, not a tag's end
      if (q + 1 < n
          && (s.charAt(q + 1) == '/' || s.charAt(q + 1) == ':' || isAsciiDigit(s.charAt(q + 1)))) {
        return null;
      }
      return new Tag(app, "", skipOneSpace(s, q + 1));
    }
    return withVersion(s, q, app);
  }

  private static Tag withPid(String s, int open, String app) {
    int n = s.length();
    int close = open + 1;
    while (close < n && close - open <= MAX_PID_LENGTH) {
      char c = s.charAt(close);
      if (c == ']') {
        break;
      }
      if (c == ' ') {
        return null;
      }
      close++;
    }
    if (close >= n || s.charAt(close) != ']' || close == open + 1) {
      return null;
    }
    String pid = s.substring(open + 1, close);
    int q = close + 1;
    if (q < n && s.charAt(q) == ':') {
      q++;
    } else if (q < n && s.charAt(q) != ' ') {
      return null;
    }
    return new Tag(app, pid, skipOneSpace(s, q));
  }

  /** {@code syslogd 1.4.1: restart.}: a name, SP, a dotted version and a colon. */
  private static Tag withVersion(String s, int space, String app) {
    int n = s.length();
    int q = space + 1;
    int start = q;
    boolean dotted = false;
    while (q < n && (isAsciiDigit(s.charAt(q)) || s.charAt(q) == '.')) {
      dotted |= s.charAt(q) == '.';
      q++;
    }
    if (!dotted || q >= n || s.charAt(q) != ':' || !isAsciiDigit(s.charAt(start))) {
      return null;
    }
    if (q + 1 < n && s.charAt(q + 1) != ' ') {
      return null;
    }
    return new Tag(app, "", skipOneSpace(s, q + 1));
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int skipOneSpace(String s, int p) {
    return p < s.length() && s.charAt(p) == ' ' ? p + 1 : p;
  }
}
