package outpost.ingest.syslog;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Parser of the RFC 5424 part after PRI: {@code VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP
 * PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]} (section 6). Stateless and thread-safe.
 *
 * <p>Strict where a violation means the frame is not RFC 5424 at all: field lengths (section 6),
 * empty fields (two spaces in a row), calendar ranges, and STRUCTURED-DATA syntax. Lenient where
 * real senders deviate harmlessly: see {@link Rfc3339Timestamp}, a missing offset (the sender's
 * zone from {@link ParserConfig} applies), non-ASCII header characters, and unescaped {@code ]} in
 * values.
 */
final class Rfc5424Parser {
  static final int MAX_VERSION_DIGITS = 3;
  static final int MAX_HOSTNAME_LENGTH = 255;
  static final int MAX_APP_NAME_LENGTH = 48;
  static final int MAX_PROCID_LENGTH = 128;
  static final int MAX_MSGID_LENGTH = 32;

  private static final char BOM = '\uFEFF';

  private Rfc5424Parser() {}

  /**
   * True when {@code s} at {@code p} (just after PRI) starts with a VERSION: 1-3 digits then
   * SP/end.
   */
  static boolean startsWithVersion(String s, int p) {
    int q = p;
    while (q < s.length() && q - p <= MAX_VERSION_DIGITS && isDigit(s.charAt(q))) {
      q++;
    }
    return q > p && q - p <= MAX_VERSION_DIGITS && (q == s.length() || s.charAt(q) == ' ');
  }

  /**
   * Parses from just after PRI.
   *
   * @throws ParseFailure with the reason when the frame breaks the format
   */
  static SyslogMessage parse(String s, int p, int pri, ParseContext context) {
    int versionEnd = s.indexOf(' ', p);
    if (versionEnd < 0) {
      throw new ParseFailure("RFC 5424 frame ends after VERSION");
    }
    if (s.charAt(p) == '0') {
      throw new ParseFailure("VERSION " + s.substring(p, versionEnd) + " must not start with 0");
    }
    int q = versionEnd + 1;
    if (q >= s.length()) {
      throw new ParseFailure("RFC 5424 frame ends before TIMESTAMP");
    }
    DateTimeText time = null;
    if (nil(s, q)) {
      q += 1;
    } else {
      time = Rfc3339Timestamp.parse(s, q, false);
      q = time.end();
    }
    int hostStart = q + 1;
    int hostEnd = field(s, q, "HOSTNAME", MAX_HOSTNAME_LENGTH);
    int appEnd = field(s, hostEnd, "APP-NAME", MAX_APP_NAME_LENGTH);
    int procEnd = field(s, appEnd, "PROCID", MAX_PROCID_LENGTH);
    int msgIdEnd = field(s, procEnd, "MSGID", MAX_MSGID_LENGTH);
    String host = value(s, hostStart, hostEnd);
    String app = value(s, hostEnd + 1, appEnd);
    String procId = value(s, appEnd + 1, procEnd);
    String msgId = value(s, procEnd + 1, msgIdEnd);

    Instant timestamp = time == null ? null : time.toInstant(context.zoneFor(host));
    Header header = new Header(timestamp, host, app, procId, msgId, pri);
    try {
      return body(s, msgIdEnd, header);
    } catch (ParseFailure failure) {
      // the header is sound: keep it, with everything after MSGID as the message
      String rest = msgIdEnd < s.length() ? s.substring(msgIdEnd + 1) : "";
      throw new ParseFailure(failure.getMessage(), header.with(rest, Map.of()));
    }
  }

  /** The fields from TIMESTAMP to MSGID, kept while STRUCTURED-DATA and MSG are read. */
  private record Header(
      Instant timestamp, String host, String app, String procId, String msgId, int pri) {
    SyslogMessage with(String message, Map<String, String> fields) {
      return new SyslogMessage(
          SyslogMessage.Format.RFC5424,
          timestamp,
          host,
          app,
          procId,
          msgId,
          pri >> 3,
          pri & 7,
          message,
          fields);
    }
  }

  private static SyslogMessage body(String s, int msgIdEnd, Header header) {
    if (msgIdEnd >= s.length()) {
      throw new ParseFailure("RFC 5424 frame ends before STRUCTURED-DATA");
    }
    int sd = msgIdEnd + 1;
    Map<String, String> fields = Map.of();
    int sdEnd;
    if (nil(s, sd)) {
      sdEnd = sd + 1;
    } else if (sd < s.length() && s.charAt(sd) == '[') {
      fields = new HashMap<>();
      sdEnd = StructuredDataParser.parse(s, sd, fields);
    } else {
      throw new ParseFailure(
          "STRUCTURED-DATA must be '-' or start with '[', found "
              + ParseFailure.excerpt(s, sd, s.length()));
    }
    return header.with(message(s, sdEnd), fields);
  }

  /** MSG after the single SP that follows STRUCTURED-DATA; a leading BOM marks UTF-8 (6.4). */
  private static String message(String s, int p) {
    if (p == s.length()) {
      return "";
    }
    if (s.charAt(p) != ' ') {
      throw new ParseFailure(
          "expected SP after STRUCTURED-DATA, found " + ParseFailure.excerpt(s, p, s.length()));
    }
    int start = p + 1;
    if (start < s.length() && s.charAt(start) == BOM) {
      start++;
    }
    return s.substring(start);
  }

  /**
   * Reads the SP-prefixed header field after {@code p}, checking it is non-empty and within limit.
   *
   * @return the index just after the field
   */
  private static int field(String s, int p, String name, int limit) {
    if (p >= s.length()) {
      throw new ParseFailure("RFC 5424 frame ends before " + name);
    }
    if (s.charAt(p) != ' ') {
      throw new ParseFailure(
          "expected SP before " + name + ", found " + ParseFailure.excerpt(s, p, s.length()));
    }
    int start = p + 1;
    int q = start;
    int n = s.length();
    while (q < n) {
      char c = s.charAt(q);
      if (c == ' ') {
        break;
      }
      if (c < ' ' || c == 0x7f) {
        throw new ParseFailure(name + " contains control character 0x" + Integer.toHexString(c));
      }
      q++;
    }
    if (q == start) {
      throw new ParseFailure("empty " + name + " (two spaces in a row or frame ends)");
    }
    if (q - start > limit) {
      throw new ParseFailure(name + " length " + (q - start) + " exceeds limit " + limit);
    }
    return q;
  }

  private static String value(String s, int start, int end) {
    return end - start == 1 && s.charAt(start) == '-' ? "" : s.substring(start, end);
  }

  private static boolean nil(String s, int p) {
    return p < s.length() && s.charAt(p) == '-' && (p + 1 == s.length() || s.charAt(p + 1) == ' ');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
