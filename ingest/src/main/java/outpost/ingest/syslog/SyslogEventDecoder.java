package outpost.ingest.syslog;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import outpost.index.LogEvent;
import outpost.ingest.EventDecoder;
import outpost.ingest.FrameSource;
import outpost.ingest.access.AccessLogExtractor;

/**
 * The {@link EventDecoder} of syslog listeners: UTF-8 decoding, RFC 5424 / RFC 3164 parsing ({@link
 * SyslogParser}) and access-log field extraction ({@link AccessLogExtractor}). Never throws for any
 * frame. Immutable and thread-safe; build one per listener (its {@link ParserConfig} holds the
 * listener's time zones).
 *
 * <p>Event contract:
 *
 * <ul>
 *   <li>{@code timestamp}: the syslog header's time (authoritative, also for access-log lines); the
 *       arrival time when the header states none or the frame does not parse.
 *   <li>{@code host}: HOSTNAME, else the sender's address.
 *   <li>an unparseable frame keeps its text as {@code message}, facility user, severity notice, and
 *       {@code parseError} says why. An RFC 5424 frame with a sound header but broken
 *       STRUCTURED-DATA keeps its header fields, the text after MSGID as {@code message}, and
 *       {@code parseError}.
 *   <li>{@code fields}: structured data as {@code sd.<SD-ID>.<PARAM>}; access-log fields (see
 *       {@link outpost.ingest.access.AccessLogEntry#addTo}); {@value #ENCODING_ERROR} = {@code
 *       true} when the frame was not valid UTF-8 (bytes replaced by U+FFFD, event kept); {@value
 *       #TRUNCATED} = the original length when the transport cut the frame.
 * </ul>
 */
public final class SyslogEventDecoder implements EventDecoder {
  /** Field set to {@code true} when malformed UTF-8 bytes were replaced by U+FFFD. */
  public static final String ENCODING_ERROR = "encoding_error";

  /** Field holding the frame's length on the wire when the transport truncated it. */
  public static final String TRUNCATED = "truncated";

  private static final int UNPARSED_FACILITY = 1; // user
  private static final int UNPARSED_SEVERITY = 5; // notice

  private final SyslogParser parser;
  private final AccessLogExtractor accessLogs;

  /** A decoder with the default access-log extractor ({@code %D} durations). */
  public SyslogEventDecoder(ParserConfig config) {
    this(config, new AccessLogExtractor());
  }

  public SyslogEventDecoder(ParserConfig config, AccessLogExtractor accessLogs) {
    this.parser = new SyslogParser(config);
    this.accessLogs = Objects.requireNonNull(accessLogs, "accessLogs");
  }

  @Override
  public LogEvent decode(byte[] frame, FrameSource source) {
    String raw = Utf8Text.decode(frame);
    Map<String, String> fields = new HashMap<>();
    if (Utf8Text.malformed(frame, raw)) {
      fields.put(ENCODING_ERROR, "true");
    }
    if (source.originalLength() > frame.length) {
      fields.put(TRUNCATED, Integer.toString(source.originalLength()));
    }
    ParseResult result;
    try {
      result = parser.parse(withoutLineEnd(raw), source.received(), source.senderAddress());
    } catch (RuntimeException bug) {
      // a parser bug must not take the receiver down; the frame is kept and the bug is visible
      result = new ParseResult.Unparseable(raw, "internal parser error: " + bug);
    }
    return switch (result) {
      case ParseResult.Parsed parsed -> parsedEvent(parsed.message(), raw, fields, source);
      case ParseResult.Unparseable bad -> unparsedEvent(bad, raw, fields, source);
    };
  }

  private LogEvent parsedEvent(
      SyslogMessage m, String raw, Map<String, String> fields, FrameSource source) {
    fields.putAll(m.fields());
    addAccessFields(m.message(), fields);
    Instant timestamp = m.timestamp() == null ? source.received() : m.timestamp();
    String host = m.host().isEmpty() ? source.senderAddress() : m.host();
    return new LogEvent(
        timestamp,
        source.received(),
        host,
        m.app(),
        m.procId(),
        m.msgId(),
        m.facility(),
        m.severity(),
        m.message(),
        raw,
        fields,
        source.transport().id(),
        "");
  }

  private LogEvent unparsedEvent(
      ParseResult.Unparseable bad, String raw, Map<String, String> fields, FrameSource source) {
    SyslogMessage h = bad.header();
    String message = h == null ? bad.raw() : h.message();
    // access lines piped without a syslog header still deserve their fields
    addAccessFields(message, fields);
    return new LogEvent(
        h == null || h.timestamp() == null ? source.received() : h.timestamp(),
        source.received(),
        h == null || h.host().isEmpty() ? source.senderAddress() : h.host(),
        h == null ? "" : h.app(),
        h == null ? "" : h.procId(),
        h == null ? "" : h.msgId(),
        h == null ? UNPARSED_FACILITY : h.facility(),
        h == null ? UNPARSED_SEVERITY : h.severity(),
        message,
        raw,
        fields,
        source.transport().id(),
        bad.reason());
  }

  private void addAccessFields(String body, Map<String, String> fields) {
    accessLogs.extract(body).ifPresent(entry -> entry.addTo(fields));
  }

  /** Drops trailing CR/LF/NUL: LF framing leaves a CR from CRLF senders, some add a NUL. */
  private static String withoutLineEnd(String s) {
    int end = s.length();
    while (end > 0) {
      char c = s.charAt(end - 1);
      if (c != '\n' && c != '\r' && c != '\0') {
        break;
      }
      end--;
    }
    return end == s.length() ? s : s.substring(0, end);
  }
}
