package outpost.ingest.syslog;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of one parsed syslog message, RFC 5424 or RFC 3164. Immutable and thread-safe.
 *
 * @param format which RFC the frame followed
 * @param timestamp event time the sender stated, or {@code null} when it stated none (RFC 5424
 *     NILVALUE, or an RFC 3164 frame without TIMESTAMP)
 * @param host HOSTNAME; empty when absent, so the caller falls back to the sender's address
 * @param app RFC 5424 APP-NAME or RFC 3164 TAG; empty when absent
 * @param procId RFC 5424 PROCID or the pid in an RFC 3164 {@code tag[pid]:}; empty when absent
 * @param msgId RFC 5424 MSGID; empty when absent
 * @param facility facility code 0..23
 * @param severity severity code 0..7
 * @param message MSG (RFC 5424, without BOM) or CONTENT (RFC 3164)
 * @param fields structured data as fields ({@code sd.<SD-ID>.<PARAM-NAME>}); empty for RFC 3164
 */
public record SyslogMessage(
    Format format,
    Instant timestamp,
    String host,
    String app,
    String procId,
    String msgId,
    int facility,
    int severity,
    String message,
    Map<String, String> fields) {

  /** The two syslog message formats. */
  public enum Format {
    RFC5424,
    RFC3164
  }

  public SyslogMessage {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(procId, "procId");
    Objects.requireNonNull(msgId, "msgId");
    Objects.requireNonNull(message, "message");
    if (facility < 0 || facility > 23 || severity < 0 || severity > 7) {
      throw new IllegalArgumentException("facility " + facility + " / severity " + severity);
    }
    fields = Map.copyOf(fields);
  }
}
