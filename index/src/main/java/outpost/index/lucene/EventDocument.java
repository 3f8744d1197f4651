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
  private final Map<String, Numeric> numerics = new HashMap<>();
  private final Map<String, StringField> extraTerms = new HashMap<>();

  private static FieldType messageType() {
    FieldType t = new FieldType();
    t.setTokenized(true);
    t.setOmitNorms(true); // results are sorted by time, never scored
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    t.freeze();
    return t;
  }

  /** One keyword field: exact term plus sorted doc values, both reused. */
  private record Keyword(StringField term, SortedDocValuesField docValue) {
    static Keyword of(String name) {
      return new Keyword(
          new StringField(name, "", Field.Store.NO),
          new SortedDocValuesField(name, new BytesRef()));
    }
  }

  /** One numeric field: point plus numeric doc values, both reused. */
  private record Numeric(LongPoint point, NumericDocValuesField docValue) {
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
    fields.clear();
    source.clear();
    EventCodec.encode(event, source);
    sourceRef.bytes = source.array();
    sourceRef.offset = 0;
    sourceRef.length = source.size();
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
      String name = e.getKey();
      if (IndexFields.NUMERIC_FIELDS.contains(name)) {
        indexed += numeric(name, e.getValue()) ? 1 : 0;
      } else if (indexable(name)) {
        keyword(name, e.getValue());
        indexed++;
        if (name.equals(Schema.PATH)) {
          pathWithoutQuery(e.getValue());
        }
      }
    }
  }

  private boolean indexable(String name) {
    if (keywords.containsKey(name)) {
      return true;
    }
    return !IndexFields.RESERVED.contains(name)
        && keywords.size() < MAX_FIELD_NAMES
        && FIELD_NAME.matcher(name).matches();
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
    if (value.isEmpty()) {
      return;
    }
    Keyword k = keywords.computeIfAbsent(name, Keyword::of);
    String capped = cap(value);
    k.term().setStringValue(capped);
    k.docValue().setBytesValue(new BytesRef(capped));
    fields.add(k.term());
    fields.add(k.docValue());
  }

  private boolean numeric(String name, String value) {
    long v;
    try {
      v = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return false; // e.g. "-" for no bytes; the value stays in the source
    }
    Numeric n = numerics.computeIfAbsent(name, Numeric::of);
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
