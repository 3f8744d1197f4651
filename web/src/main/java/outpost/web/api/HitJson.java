package outpost.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.TreeMap;
import outpost.index.LogEvent;
import outpost.index.StoredEvent;
import outpost.index.Syslog;

/**
 * One search hit as JSON. The id is a string because JavaScript numbers lose precision past 2^53;
 * facility and severity are names ({@code daemon}, {@code err}); {@code procid}, {@code msgid},
 * {@code transport} and {@code parse_error} appear only when non-empty.
 */
@JsonPropertyOrder({
  "id",
  "timestamp",
  "received",
  "host",
  "app",
  "facility",
  "severity",
  "message",
  "raw",
  "fields"
})
public record HitJson(
    String id,
    String timestamp,
    String received,
    String host,
    String app,
    String facility,
    String severity,
    String message,
    String raw,
    Map<String, String> fields,
    @JsonProperty("procid") @JsonInclude(JsonInclude.Include.NON_EMPTY) String procId,
    @JsonProperty("msgid") @JsonInclude(JsonInclude.Include.NON_EMPTY) String msgId,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String transport,
    @JsonProperty("parse_error") @JsonInclude(JsonInclude.Include.NON_EMPTY) String parseError) {

  /** Translates a stored event; fields are sorted by name. */
  public static HitJson of(StoredEvent stored) {
    LogEvent e = stored.event();
    return new HitJson(
        Long.toString(stored.id()),
        ApiTime.format(e.timestamp()),
        ApiTime.format(e.received()),
        e.host(),
        e.app(),
        Syslog.facilityName(e.facility()),
        Syslog.severityName(e.severity()),
        e.message(),
        e.raw(),
        new TreeMap<>(e.fields()),
        e.procId(),
        e.msgId(),
        e.transport(),
        e.parseError());
  }
}
