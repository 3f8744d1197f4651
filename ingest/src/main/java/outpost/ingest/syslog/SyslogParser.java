package outpost.ingest.syslog;

import java.time.Instant;
import java.util.Objects;

/**
 * Parses one syslog frame's text, RFC 5424 or RFC 3164, detected from what follows PRI. Never
 * throws for bad input: returns {@link ParseResult.Unparseable} with the reason. Immutable and
 * thread-safe; one instance per listener configuration.
 */
public final class SyslogParser {
  /** PRI is 1-3 digits, 0..191 (RFC 5424 section 6.2.1; facility 23 * 8 + severity 7). */
  public static final int MAX_PRI = 191;

  static final int MAX_PRI_DIGITS = 3;

  private final ParserConfig config;

  public SyslogParser(ParserConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Parses {@code text}, one frame without trailing line end.
   *
   * @param received arrival time, for RFC 3164 year inference
   * @param senderAddress the peer's address, for the zone of senders that name no host
   */
  public ParseResult parse(String text, Instant received, String senderAddress) {
    if (text.isBlank()) {
      return new ParseResult.Unparseable(text, "empty frame");
    }
    ParseContext context = new ParseContext(config, received, senderAddress);
    try {
      if (text.charAt(0) != '<') {
        return new ParseResult.Parsed(Rfc3164Parser.parse(text, 0, -1, context));
      }
      int close = priEnd(text);
      int pri = Integer.parseInt(text, 1, close, 10);
      if (pri > MAX_PRI) {
        throw new ParseFailure("PRI " + pri + " exceeds limit " + MAX_PRI);
      }
      int p = close + 1;
      SyslogMessage message =
          Rfc5424Parser.startsWithVersion(text, p)
              ? Rfc5424Parser.parse(text, p, pri, context)
              : Rfc3164Parser.parse(text, p, pri, context);
      return new ParseResult.Parsed(message);
    } catch (ParseFailure failure) {
      return new ParseResult.Unparseable(text, failure.getMessage(), failure.header());
    }
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Index of the '>' closing PRI; fails unless 1-3 digits sit between '<' and '>'. */
  private static int priEnd(String s) {
    int q = 1;
    while (q < s.length() && q <= MAX_PRI_DIGITS + 1 && isAsciiDigit(s.charAt(q))) {
      q++;
    }
    if (q == 1) {
      throw new ParseFailure(
          "PRI: expected digits after '<', found " + ParseFailure.excerpt(s, 1, s.length()));
    }
    if (q - 1 > MAX_PRI_DIGITS) {
      throw new ParseFailure("PRI has more than " + MAX_PRI_DIGITS + " digits");
    }
    if (q >= s.length() || s.charAt(q) != '>') {
      throw new ParseFailure(
          "PRI: expected '>' after "
              + ParseFailure.excerpt(s, 0, q)
              + ", found "
              + ParseFailure.excerpt(s, q, s.length()));
    }
    return q;
  }
}
