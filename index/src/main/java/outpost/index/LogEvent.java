package outpost.index;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One received log message, as parsed by ingest and stored by the index. Immutable and thread-safe.
 *
 * @param timestamp event time as the sender stated it (or {@code received} when it stated none)
 * @param received when Outpost received the message
 * @param host originating host name; the sender's address when the message names no host
 * @param app application name (RFC 5424 APP-NAME, RFC 3164 TAG); empty when absent
 * @param procId process id; empty when absent
 * @param msgId RFC 5424 MSGID; empty when absent
 * @param facility syslog facility code 0..23 (see {@link Syslog#facilityName(int)})
 * @param severity syslog severity code 0..7 (see {@link Syslog#severityName(int)})
 * @param message the message body (MSG), free text
 * @param raw the whole frame as received, decoded as UTF-8 with malformed bytes replaced
 * @param fields extracted fields (access-log fields, RFC 5424 structured data); keys are field
 *     names, values are text. Numeric fields ({@link Schema#NUMERIC_FIELDS}) hold decimal text.
 * @param transport how it arrived: one of {@link Transport}'s names
 * @param parseError empty when the frame parsed; otherwise why it was kept as raw text
 */
public record LogEvent(
    Instant timestamp,
    Instant received,
    String host,
    String app,
    String procId,
    String msgId,
    int facility,
    int severity,
    String message,
    String raw,
    Map<String, String> fields,
    String transport,
    String parseError) {

  public LogEvent {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(received, "received");
    host = Objects.requireNonNullElse(host, "");
    app = Objects.requireNonNullElse(app, "");
    procId = Objects.requireNonNullElse(procId, "");
    msgId = Objects.requireNonNullElse(msgId, "");
    if (facility < 0 || facility > 23) {
      throw new IllegalArgumentException("facility " + facility + " outside 0..23");
    }
    if (severity < 0 || severity > 7) {
      throw new IllegalArgumentException("severity " + severity + " outside 0..7");
    }
    message = Objects.requireNonNullElse(message, "");
    raw = Objects.requireNonNullElse(raw, "");
    fields = fields == null ? Map.of() : Map.copyOf(fields);
    transport = Objects.requireNonNullElse(transport, "");
    parseError = Objects.requireNonNullElse(parseError, "");
  }

  /** True when the frame could not be parsed and is kept as raw text only. */
  public boolean unparsed() {
    return !parseError.isEmpty();
  }
}
