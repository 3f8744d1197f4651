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
   * The frame is not syslog (or is broken beyond a lenient reading).
   *
   * @param raw the frame text, kept so nothing is lost
   * @param reason why it did not parse, naming the value and the limit where one applies
   */
  record Unparseable(String raw, String reason) implements ParseResult {
    public Unparseable {
      Objects.requireNonNull(raw, "raw");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
