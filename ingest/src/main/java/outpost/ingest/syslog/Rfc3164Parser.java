package outpost.ingest.syslog;

import java.time.Instant;
import java.util.Map;

/**
 * Parser of BSD syslog (RFC 3164) as real senders write it: {@code [<PRI>]TIMESTAMP [HOSTNAME]
 * [TAG] CONTENT}. Stateless and thread-safe.
 *
 * <p>Variants handled: no PRI (section 4.3.3: default {@code user.notice}), spaces after PRI, the
 * timestamp variants of {@link BsdTimestamp}, RFC 3339 timestamps as rsyslog forwards them (with or
 * without offset), no HOSTNAME (the first word ends with {@code :}, so it is the TAG), and the tag
 * variants of {@link Tag}. Without a stated offset the zone comes from {@link ParserConfig} for the
 * host (or the sender's address).
 *
 * <p>A frame with a PRI but no recognisable timestamp is, per section 4.3.2, all CONTENT. A frame
 * with neither PRI nor timestamp is not syslog and fails.
 */
final class Rfc3164Parser {
  /** Section 4.3.3: a relay that finds no PRI uses facility user (1), severity notice (5). */
  static final int DEFAULT_PRI = 13;

  private Rfc3164Parser() {}

  /**
   * Parses from {@code p} (just after PRI, or 0 without one).
   *
   * @param pri the PRI value, or -1 when the frame had none
   * @throws ParseFailure when the frame has neither PRI nor timestamp
   */
  static SyslogMessage parse(String s, int p, int pri, ParseContext context) {
    int q = skipSpaces(s, p);
    BsdTimestamp bsd = null;
    DateTimeText iso = null;
    if (Rfc3339Timestamp.looksLikeOne(s, q)) {
      iso = isoOrNull(s, q);
    } else {
      bsd = BsdTimestamp.parse(s, q);
    }
    if (bsd == null && iso == null) {
      if (pri < 0) {
        throw new ParseFailure("no PRI and no timestamp: not a syslog message");
      }
      return build(s, q, "", pri, null);
    }
    q = skipSpaces(s, bsd != null ? bsd.end() : iso.end());
    String host = "";
    int tokenEnd = s.indexOf(' ', q);
    if (tokenEnd < 0) {
      tokenEnd = s.length();
    }
    if (tokenEnd > q && s.charAt(tokenEnd - 1) != ':') {
      // the first word is HOSTNAME unless it ends in ':', which makes it the TAG (no hostname)
      host = s.substring(q, tokenEnd);
      q = skipSpaces(s, tokenEnd);
    }
    Instant timestamp =
        bsd != null
            ? bsd.toInstant(context.zoneFor(host), context.received())
            : iso.toInstant(context.zoneFor(host));
    return build(s, q, host, pri < 0 ? DEFAULT_PRI : pri, timestamp);
  }

  private static SyslogMessage build(String s, int q, String host, int pri, Instant timestamp) {
    Tag tag = Tag.parse(s, q);
    String app = tag == null ? "" : tag.app();
    String procId = tag == null ? "" : tag.procId();
    String message = s.substring(tag == null ? q : tag.messageStart());
    return new SyslogMessage(
        SyslogMessage.Format.RFC3164,
        timestamp,
        host,
        app,
        procId,
        "",
        pri >> 3,
        pri & 7,
        message,
        Map.of());
  }

  private static DateTimeText isoOrNull(String s, int q) {
    try {
      return Rfc3339Timestamp.parse(s, q, false);
    } catch (ParseFailure notATimestamp) {
      // section 4.3.2: without a valid TIMESTAMP the whole rest is CONTENT
      return null;
    }
  }

  private static int skipSpaces(String s, int p) {
    while (p < s.length() && s.charAt(p) == ' ') {
      p++;
    }
    return p;
  }
}
