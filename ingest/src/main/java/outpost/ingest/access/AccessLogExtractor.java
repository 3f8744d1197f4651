package outpost.ingest.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognises Apache/nginx Common and Combined access-log lines in a message body, optionally with a
 * vhost prefix ({@code %v:%p } or {@code %v }, as in Apache's {@code vhost_combined}) and a
 * trailing duration, and splits them into an {@link AccessLogEntry}. A hand-written scanner, no
 * regex: most messages on the hot path are not access logs and are rejected within their first few
 * words. Immutable and thread-safe.
 *
 * <p>Grammar: {@code [vhost[:port] SP] host SP ident SP user SP [dd/Mon/yyyy:HH:MM:SS +zzzz] SP
 * "request" SP status SP bytes [SP "referer" SP "user-agent"] [SP duration] [anything]}. A trailing
 * duration with a decimal point is seconds (nginx {@code $request_time}); an integer one is read in
 * the {@link IntegerDuration} unit given at construction (Apache {@code %D} by default). Text after
 * the known fields that is not a lone number is ignored.
 */
public final class AccessLogExtractor {
  /** How to read a trailing integer duration: Apache {@code %D} or {@code %T}. */
  public enum IntegerDuration {
    MICROSECONDS,
    SECONDS
  }

  /** The shortest possible line: {@code a - - [dd/Mon/yyyy:HH:MM:SS +zzzz] "-" 200 0}. */
  static final int MIN_LINE_LENGTH = 45;

  /** Bounds the scan for the {@code [} that opens the time: vhost 255 + host + ident + user. */
  static final int MAX_PREFIX_LENGTH = 1024;

  private final IntegerDuration integerDuration;

  /** Reads trailing integer durations as microseconds ({@code %D}). */
  public AccessLogExtractor() {
    this(IntegerDuration.MICROSECONDS);
  }

  public AccessLogExtractor(IntegerDuration integerDuration) {
    this.integerDuration = Objects.requireNonNull(integerDuration, "integerDuration");
  }

  /** Returns the fields of {@code line}, or empty when it is not an access-log line. */
  public Optional<AccessLogEntry> extract(String line) {
    if (line.length() < MIN_LINE_LENGTH || !isHostChar(line.charAt(0))) {
      return Optional.empty();
    }
    int[] spaces = new int[4];
    int words = prefixWords(line, spaces);
    if (words < 3) {
      return Optional.empty();
    }
    int open = spaces[words - 1] + 1;
    Instant time = AccessTime.parse(line, open);
    if (time == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(afterTime(line, spaces, words, time, open + AccessTime.LENGTH));
  }

  /**
   * Counts the words before {@code " ["}, recording the space after each; returns 0 when the line
   * cannot be an access line (more than 4 words, a quote, or no {@code [}).
   */
  private static int prefixWords(String line, int[] spaces) {
    int limit = Math.min(line.length() - 1, MAX_PREFIX_LENGTH);
    int words = 0;
    for (int q = 1; q < limit; q++) {
      char c = line.charAt(q);
      if (c == ' ') {
        if (words == 4 || q == (words == 0 ? 0 : spaces[words - 1] + 1)) {
          return 0;
        }
        spaces[words++] = q;
        if (line.charAt(q + 1) == '[') {
          return words;
        }
      } else if (c == '"' || (words == 0 && !isHostChar(c))) {
        return 0;
      }
    }
    return 0;
  }

  private AccessLogEntry afterTime(String line, int[] spaces, int words, Instant time, int p) {
    int n = line.length();
    if (p + 2 >= n || line.charAt(p) != ' ' || line.charAt(p + 1) != '"') {
      return null;
    }
    int requestClose = QuotedField.closingQuote(line, p + 1);
    if (requestClose < 0 || requestClose + 6 > n || line.charAt(requestClose + 1) != ' ') {
      return null;
    }
    int q = requestClose + 2;
    int status = digits(line, q, 3);
    if (status < 100 || q + 3 >= n || line.charAt(q + 3) != ' ') {
      return null;
    }
    q += 4;
    int bytesEnd = q;
    while (bytesEnd < n && line.charAt(bytesEnd) != ' ') {
      bytesEnd++;
    }
    long bytes = bytes(line, q, bytesEnd);
    if (bytes < 0) {
      return null;
    }
    Tail tail = Tail.parse(line, bytesEnd, integerDuration == IntegerDuration.SECONDS);
    Request request = Request.parse(QuotedField.value(line, p + 1, requestClose));
    int first = words == 4 ? spaces[0] + 1 : 0;
    String vhost = words == 4 ? line.substring(0, spaces[0]) : "";
    String port = "";
    int colon = vhost.lastIndexOf(':');
    if (colon > 0 && digits(vhost, colon + 1, vhost.length() - colon - 1) >= 0) {
      port = vhost.substring(colon + 1);
      vhost = vhost.substring(0, colon);
    }
    String clientIp = line.substring(first, spaces[words - 3]);
    String user = line.substring(spaces[words - 2] + 1, spaces[words - 1]);
    return new AccessLogEntry(
        vhost,
        port,
        clientIp,
        user.equals("-") ? "" : user,
        time,
        request.method(),
        request.path(),
        request.protocol(),
        status,
        bytes,
        tail.referer(),
        tail.userAgent(),
        tail.durationMicros());
  }

  /** {@code %b}: digits, or {@code -} for zero bytes; -1 when neither. */
  private static long bytes(String s, int from, int to) {
    if (to - from == 1 && s.charAt(from) == '-') {
      return 0;
    }
    if (to == from || to - from > 18) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Parses exactly {@code count} ASCII digits at {@code from}; -1 when they are not all there. */
  static int digits(String s, int from, int count) {
    if (count <= 0 || count > 9 || from + count > s.length()) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isHostChar(char c) {
    return (c >= '0' && c <= '9')
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || c == '.'
        || c == ':'
        || c == '-'
        || c == '_';
  }
}
