package outpost.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import outpost.index.Highlighter;
import outpost.index.LogEvent;
import outpost.index.Schema;
import outpost.index.StoredEvent;
import outpost.index.Syslog;

/**
 * One search hit as JSON. The id is a string because JavaScript numbers lose precision past 2^53;
 * facility and severity are names ({@code daemon}, {@code err}); {@code procid}, {@code msgid},
 * {@code transport} and {@code parse_error} appear only when non-empty. {@code highlight} (search
 * and tail only) maps a field name to the {@code [start, end]} UTF-16 offsets where the query
 * matched its value, and appears only when something matched.
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
    @JsonProperty("parse_error") @JsonInclude(JsonInclude.Include.NON_EMPTY) String parseError,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<int[]>> highlight) {

  /** Translates a stored event without highlights; fields are sorted by name. */
  public static HitJson of(StoredEvent stored) {
    return of(stored, Map.of());
  }

  /** Translates a stored event with the spans {@code highlighter} finds in its values. */
  public static HitJson of(StoredEvent stored, Highlighter highlighter) {
    LogEvent e = stored.event();
    Map<String, List<int[]>> highlight = new LinkedHashMap<>();
    addSpans(highlight, highlighter, Schema.MESSAGE, e.message());
    addSpans(highlight, highlighter, Schema.HOST, e.host());
    addSpans(highlight, highlighter, Schema.APP, e.app());
    addSpans(highlight, highlighter, Schema.FACILITY, Syslog.facilityName(e.facility()));
    addSpans(highlight, highlighter, Schema.SEVERITY, Syslog.severityName(e.severity()));
    addSpans(highlight, highlighter, Schema.PROC_ID, e.procId());
    addSpans(highlight, highlighter, Schema.MSG_ID, e.msgId());
    new TreeMap<>(e.fields())
        .forEach((name, value) -> addSpans(highlight, highlighter, name, value));
    return of(stored, highlight);
  }

  private static void addSpans(
      Map<String, List<int[]>> out, Highlighter highlighter, String field, String value) {
    if (value.isEmpty()) {
      return;
    }
    List<Highlighter.Span> spans = highlighter.spans(field, value);
    if (!spans.isEmpty()) {
      out.put(field, spans.stream().map(s -> new int[] {s.start(), s.end()}).toList());
    }
  }

  private static HitJson of(StoredEvent stored, Map<String, List<int[]>> highlight) {
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
        e.parseError(),
        highlight);
  }
}
