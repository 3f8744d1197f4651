package outpost.ingest.syslog;

/**
 * Internal signal that a frame does not parse; caught by {@link SyslogParser} and turned into
 * {@link ParseResult.Unparseable}. Never escapes the package. Carries no stack trace, so failing on
 * garbage stays cheap.
 */
final class ParseFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient SyslogMessage header;

  ParseFailure(String reason) {
    this(reason, null);
  }

  /** A failure after a sound header, which the event keeps; {@code header} may be null. */
  ParseFailure(String reason, SyslogMessage header) {
    super(reason, null, false, false);
    this.header = header;
  }

  /** The header parsed before the failure, or null. */
  SyslogMessage header() {
    return header;
  }

  /** Quotes at most 40 characters of hostile input for an error text. */
  static String excerpt(String s, int from, int to) {
    int end = Math.min(to, from + 40);
    String text = s.substring(from, Math.max(from, end));
    return "'" + text + (end < to ? "...'" : "'");
  }
}
