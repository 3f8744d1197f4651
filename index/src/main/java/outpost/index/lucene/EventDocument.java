package outpost.index.lucene;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import outpost.index.LogEvent;
import outpost.index.Schema;
import outpost.index.Syslog;
import outpost.index.journal.ByteSink;
import outpost.index.journal.EventCodec;

/**
 * Turns events into Lucene documents, reusing its {@link Field} instances from one event to the
 * next (Lucene consumes a document within {@code addDocument}). Not thread-safe: one per indexing
 * thread.
 */
public final class EventDocument {
  /** Keyword terms and sorted doc values are cut to this many chars. */
  public static final int MAX_KEYWORD_CHARS = 1024;

  /** Extracted fields indexed per event; the rest stay in the stored source only. */
  public static final int MAX_INDEXED_FIELDS = 64;

  /** Distinct extracted field names this builder indexes, against hostile field explosions. */
  public static final int MAX_FIELD_NAMES = 1000;

  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

  private static final FieldType MESSAGE_TYPE = messageType();

  private final List<IndexableField> fields = new ArrayList<>(64);
  private final ByteSink source = new ByteSink(4096);
  private final BytesRef sourceRef = new BytesRef();
  private final StoredField sourceField = new StoredField(IndexFields.SOURCE, sourceRef);
  private final Field message = new Field(Schema.MESSAGE, "", MESSAGE_TYPE);
  private final LongPoint timestampPoint = new LongPoint(Schema.TIMESTAMP, 0);
  private final NumericDocValuesField timestampValue =
      new NumericDocValuesField(Schema.TIMESTAMP, 0);
  private final NumericDocValuesField idValue = new NumericDocValuesField(IndexFields.ID, 0);
  private final LongPoint severityCode = new LongPoint(IndexFields.SEVERITY_CODE, 0);
  private final Map<String, Keyword> keywords = new HashMap<>();
  private final Map<String, Slot> extractedSlots = new HashMap<>();
  private int extractedKeywords;
  private final Map<String, StringField> extraTerms = new HashMap<>();

  private static FieldType messageType() {
    FieldType t = new FieldType();
    t.setTokenized(true);
    t.setOmitNorms(true); // results are sorted by time, never scored
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    t.freeze();
    return t;
  }

  /** How an extracted field name is indexed, decided once per name. */
  private sealed interface Slot permits Keyword, Numeric, Unindexed {}

  /** Names that are reserved, malformed or beyond {@link #MAX_FIELD_NAMES}: source only. */
  private record Unindexed() implements Slot {}

  private static final Slot UNINDEXED = new Unindexed();

  /**
   * One keyword field: exact term plus sorted doc values, both reused and sharing one UTF-8 buffer,
   * so the value is encoded once.
   */
  private record Keyword(StringField term, SortedDocValuesField docValue, BytesRefBuilder utf8)
      implements Slot {
    static Keyword of(String name) {
      return new Keyword(
          new StringField(name, new BytesRef(), Field.Store.NO),
          new SortedDocValuesField(name, new BytesRef()),
          new BytesRefBuilder());
    }

    void set(String value) {
      utf8.copyChars(value);
      BytesRef bytes = utf8.get();
      term.setBytesValue(bytes);
      docValue.setBytesValue(bytes);
    }
  }

  /** One numeric field: point plus numeric doc values, both reused. */
  private record Numeric(LongPoint point, NumericDocValuesField docValue) implements Slot {
    static Numeric of(String name) {
      return new Numeric(new LongPoint(name, 0), new NumericDocValuesField(name, 0));
    }
  }

  /**
   * Builds the document of {@code event}; valid until the next call.
   *
   * @param indexedMillis the time it is indexed and sorted under (normally its timestamp)
   */
  public List<IndexableField> build(long seq, long indexedMillis, LogEvent event) {
    source.clear();
    EventCodec.encode(event, source);
    return build(seq, indexedMillis, event, source.array(), 0, source.size());
  }

  /**
   * Builds the document of {@code event}, storing {@code encoded[offset, offset + length)} as its
   * source, which must be the event's {@link EventCodec} encoding (as the journal wrote it); valid
   * until the next call, and {@code encoded} must not change until then.
   */
  public List<IndexableField> build(
      long seq, long indexedMillis, LogEvent event, byte[] encoded, int offset, int length) {
    fields.clear();
    sourceRef.bytes = encoded;
    sourceRef.offset = offset;
    sourceRef.length = length;
    fields.add(sourceField);
    timestampPoint.setLongValue(indexedMillis);
    timestampValue.setLongValue(indexedMillis);
    idValue.setLongValue(seq);
    fields.add(timestampPoint);
    fields.add(timestampValue);
    fields.add(idValue);
    message.setStringValue(event.message());
    fields.add(message);
    keyword(Schema.HOST, event.host());
    keyword(Schema.APP, event.app());
    keyword(Schema.FACILITY, Syslog.facilityName(event.facility()));
    keyword(Schema.SEVERITY, Syslog.severityName(event.severity()));
    severityCode.setLongValue(event.severity());
    fields.add(severityCode);
    keyword(Schema.TRANSPORT, event.transport());
    keyword(Schema.PROC_ID, event.procId());
    keyword(Schema.MSG_ID, event.msgId());
    extracted(event.fields());
    return fields;
  }

  private void extracted(Map<String, String> values) {
    int indexed = 0;
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (indexed == MAX_INDEXED_FIELDS) {
        break;
      }
      switch (slot(e.getKey())) {
        case Numeric n -> indexed += numeric(n, e.getValue()) ? 1 : 0;
        case Keyword k -> {
          keyword(k, e.getValue());
          indexed++;
          if (e.getKey().equals(Schema.PATH)) {
            pathWithoutQuery(e.getValue());
          }
        }
        case Unindexed u -> {}
      }
    }
  }

  /**
   * How {@code name} is indexed: one map lookup per field once the name was seen. Reserved names
   * never share the built-in fields' instances (a second {@code host} value would make Lucene
   * refuse the whole document).
   */
  private Slot slot(String name) {
    Slot slot = extractedSlots.get(name);
    if (slot != null) {
      return slot;
    }
    if (IndexFields.NUMERIC_FIELDS.contains(name)) {
      slot = Numeric.of(name);
    } else if (IndexFields.RESERVED.contains(name) || !FIELD_NAME.matcher(name).matches()) {
      slot = UNINDEXED;
    } else if (extractedKeywords < MAX_FIELD_NAMES) {
      slot = Keyword.of(name);
      extractedKeywords++;
    } else {
      return UNINDEXED;
    }
    if (slot != UNINDEXED || extractedSlots.size() < 2 * MAX_FIELD_NAMES) {
      extractedSlots.put(name, slot); // bounded: hostile names must not grow it without end
    }
    return slot;
  }

  /** Also indexes {@code /a.php} for {@code /a.php?x=1}, so {@code path:/a.php} finds both. */
  private void pathWithoutQuery(String path) {
    int q = path.indexOf('?');
    if (q > 0) {
      StringField f =
          extraTerms.computeIfAbsent(Schema.PATH, n -> new StringField(n, "", Field.Store.NO));
      f.setStringValue(cap(path.substring(0, q)));
      fields.add(f);
    }
  }

  private void keyword(String name, String value) {
    if (!value.isEmpty()) {
      keyword(keywords.computeIfAbsent(name, Keyword::of), value);
    }
  }

  private void keyword(Keyword k, String value) {
    if (value.isEmpty()) {
      return;
    }
    k.set(cap(value));
    fields.add(k.term());
    fields.add(k.docValue());
  }

  private boolean numeric(Numeric n, String value) {
    long v;
    try {
      v = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return false; // e.g. "-" for no bytes; the value stays in the source
    }
    n.point().setLongValue(v);
    n.docValue().setLongValue(v);
    fields.add(n.point());
    fields.add(n.docValue());
    return true;
  }

  private static String cap(String value) {
    if (value.length() <= MAX_KEYWORD_CHARS) {
      return value;
    }
    int end = MAX_KEYWORD_CHARS;
    if (Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end);
  }
}
