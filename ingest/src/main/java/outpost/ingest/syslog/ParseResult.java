package outpost.ingest.syslog;

import java.util.Objects;

/**
 * Outcome of parsing one syslog frame: either {@link Parsed} or {@link Unparseable}. A bad line is
 * data, not an exception. Immutable and thread-safe.
 */
public sealed interface ParseResult {

  /** The frame parsed; {@code message} holds its parts. */
  record Parsed(SyslogMessage message) implements ParseResult {
    public Parsed {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The frame is not syslog, or is broken beyond a lenient reading.
   *
   * @param raw the frame text, kept so nothing is lost
   * @param reason why it did not parse, naming the value and the limit where one applies
   * @param header for an RFC 5424 frame whose header (PRI to MSGID) parsed but whose
   *     STRUCTURED-DATA did not: that header, with everything after MSGID as its message; else null
   */
  record Unparseable(String raw, String reason, SyslogMessage header) implements ParseResult {
    public Unparseable {
      Objects.requireNonNull(raw, "raw");
      Objects.requireNonNull(reason, "reason");
    }

    /** A frame of which nothing could be read. */
    public Unparseable(String raw, String reason) {
      this(raw, reason, null);
    }
  }
}
