package outpost.index.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import outpost.index.LogEvent;
import outpost.index.Schema;
import outpost.index.Syslog;
import outpost.index.lucene.EventDocument;
import outpost.index.lucene.IndexFields;

/**
 * Turns events into OpenSearch documents and back, indexing the same fields as the Lucene store
 * ({@code EventDocument}): keywords cut to {@link EventDocument#MAX_KEYWORD_CHARS}, numeric fields
 * as longs, at most {@link EventDocument#MAX_INDEXED_FIELDS} extracted fields per event and {@link
 * EventDocument#MAX_FIELD_NAMES} distinct names. What the indexed fields cannot hold exactly (cut
 * values, reserved or malformed names, non-numeric values of numeric fields, the exact timestamps)
 * goes to the unindexed object {@link #OUTPOST}, so {@link #read} gives back the event as it was
 * journaled.
 *
 * <p>Not thread-safe (it remembers the field names it indexed): one per shipper; {@link #read} is
 * stateless and thread-safe.
 */
final class EventJson {
  /** Store-wide event id: long with doc values, the tie-breaker of the sort. */
  static final String ID = "outpost_id";

  /** {@code path} without its query string, when it has one (as the Lucene store adds). */
  static final String PATH_BASE = "path_base";

  /** Unindexed object with what the indexed fields do not hold exactly. */
  static final String OUTPOST = "outpost";

  /** Bits of the journal sequence number in an event id; the node id is above them. */
  static final int SEQ_BITS = 48;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_@-]+(\\.[A-Za-z0-9_@-]+)*");

  /** Top-level names that are not extracted fields. */
  static final Set<String> BUILT_IN =
      Set.of(
          Schema.TIMESTAMP,
          Schema.RECEIVED,
          ID,
          Schema.MESSAGE,
          Schema.RAW,
          Schema.HOST,
          Schema.APP,
          Schema.PROC_ID,
          Schema.MSG_ID,
          Schema.FACILITY,
          Schema.SEVERITY,
          IndexFields.SEVERITY_CODE,
          Schema.TRANSPORT,
          PATH_BASE,
          OUTPOST);

  private final Set<String> indexedNames = new HashSet<>();

  /** The id of the event journaled under {@code seq} on node {@code nodeId}. */
  static long eventId(int nodeId, long seq) {
    return ((long) nodeId << SEQ_BITS) | seq;
  }

  /**
   * The document of {@code event}.
   *
   * @param indexedMillis the time it is indexed and sorted under
   * @param indexExtracted false to keep every extracted field unindexed (a document the mapping
   *     refused once is sent again that way)
   */
  ObjectNode write(long id, long indexedMillis, LogEvent event, boolean indexExtracted) {
    ObjectNode doc = NODES.objectNode();
    ObjectNode outpost = NODES.objectNode();
    doc.put(Schema.TIMESTAMP, indexedMillis);
    doc.put(Schema.RECEIVED, event.received().toEpochMilli()); // the host directory's clock
    doc.put(ID, id);
    doc.put(Schema.MESSAGE, event.message());
    keyword(doc, outpost, Schema.HOST, event.host());
    keyword(doc, outpost, Schema.APP, event.app());
    keyword(doc, outpost, Schema.FACILITY, Syslog.facilityName(event.facility()));
    keyword(doc, outpost, Schema.SEVERITY, Syslog.severityName(event.severity()));
    doc.put(IndexFields.SEVERITY_CODE, event.severity());
    keyword(doc, outpost, Schema.TRANSPORT, event.transport());
    keyword(doc, outpost, Schema.PROC_ID, event.procId());
    keyword(doc, outpost, Schema.MSG_ID, event.msgId());
    ObjectNode unindexed = extracted(doc, event.fields(), indexExtracted);
    doc.put(Schema.RAW, event.raw());
    outpost.put("ts", event.timestamp().toString());
    outpost.put("rcv", event.received().toString());
    outpost.put("fac", event.facility());
    if (!event.parseError().isEmpty()) {
      outpost.put("err", event.parseError());
    }
    if (!unindexed.isEmpty()) {
      outpost.set("f", unindexed);
    }
    doc.set(OUTPOST, outpost);
    return doc;
  }

  private static void keyword(ObjectNode doc, ObjectNode outpost, String name, String value) {
    if (value.isEmpty()) {
      return; // as in Lucene: no term, so the field counts as missing
    }
    String capped = cap(value);
    doc.put(name, capped);
    if (!capped.equals(value)) {
      outpost.with("kw").put(name, value);
    }
  }

  /** Adds the indexed extracted fields to {@code doc}; returns the ones kept unindexed. */
  private ObjectNode extracted(ObjectNode doc, Map<String, String> fields, boolean index) {
    ObjectNode unindexed = NODES.objectNode();
    int indexed = 0;
    for (Map.Entry<String, String> e : fields.entrySet()) {
      String name = e.getKey();
      String value = e.getValue();
      if (!index || indexed == EventDocument.MAX_INDEXED_FIELDS || !indexable(name)) {
        unindexed.put(name, value);
      } else if (IndexFields.NUMERIC_FIELDS.contains(name)) {
        Long v = parse(value);
        if (v == null) {
          unindexed.put(name, value); // e.g. "-" for no bytes: kept, not indexed
          continue;
        }
        doc.put(name, v);
        indexed++;
        if (!Long.toString(v).equals(value)) {
          unindexed.put(name, value);
        }
      } else {
        String capped = cap(value);
        doc.put(name, capped);
        indexed++;
        if (!capped.equals(value)) {
          unindexed.put(name, value);
        }
        int q = value.indexOf('?');
        if (name.equals(Schema.PATH) && q > 0) {
          doc.put(PATH_BASE, cap(value.substring(0, q)));
        }
      }
    }
    return unindexed;
  }

  /** Whether {@code name} may be a top-level field; bounded like {@code EventDocument}. */
  private boolean indexable(String name) {
    if (indexedNames.contains(name)) {
      return true;
    }
    if (name.length() > 64
        || IndexFields.RESERVED.contains(name)
        || BUILT_IN.contains(name)
        || name.startsWith(OUTPOST + ".")
        || !FIELD_NAME.matcher(name).matches()
        || indexedNames.size() >= EventDocument.MAX_FIELD_NAMES) {
      return false;
    }
    indexedNames.add(name);
    return true;
  }

  private static Long parse(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String cap(String value) {
    if (value.length() <= EventDocument.MAX_KEYWORD_CHARS) {
      return value;
    }
    int end = EventDocument.MAX_KEYWORD_CHARS;
    if (Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end);
  }

  /** The event a document written by {@link #write} holds. */
  static LogEvent read(JsonNode doc) {
    JsonNode outpost = doc.path(OUTPOST);
    JsonNode kw = outpost.path("kw");
    Map<String, String> fields = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!BUILT_IN.contains(e.getKey())) {
        fields.put(e.getKey(), e.getValue().asText());
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = outpost.path("f").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      fields.put(e.getKey(), e.getValue().asText());
    }
    return new LogEvent(
        Instant.parse(outpost.path("ts").asText()),
        Instant.parse(outpost.path("rcv").asText()),
        text(doc, kw, Schema.HOST),
        text(doc, kw, Schema.APP),
        text(doc, kw, Schema.PROC_ID),
        text(doc, kw, Schema.MSG_ID),
        outpost.path("fac").asInt(),
        doc.path(IndexFields.SEVERITY_CODE).asInt(),
        doc.path(Schema.MESSAGE).asText(""),
        doc.path(Schema.RAW).asText(""),
        fields,
        text(doc, kw, Schema.TRANSPORT),
        outpost.path("err").asText(""));
  }

  private static String text(JsonNode doc, JsonNode kw, String name) {
    JsonNode full = kw.path(name);
    return full.isMissingNode() ? doc.path(name).asText("") : full.asText();
  }
}
