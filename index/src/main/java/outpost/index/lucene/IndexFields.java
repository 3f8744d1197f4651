package outpost.index.lucene;

import java.util.Set;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import outpost.index.Schema;

/**
 * Lucene field names and kinds beyond {@link Schema}, and the index sort. Stateless.
 *
 * <p>Kinds: {@link #KEYWORD_FIELDS} and any extracted non-numeric field are exact terms with sorted
 * doc values; {@link #NUMERIC_FIELDS} are long points with numeric doc values; {@code message} is
 * analyzed text. The whole event is stored once, compactly encoded, in {@link #SOURCE}.
 */
public final class IndexFields {
  /** Store-wide sequence number: numeric doc values (the index sort's tie-breaker). */
  public static final String ID = "_id";

  /** The encoded event (see {@code EventCodec}): the only stored field. */
  public static final String SOURCE = "_source";

  /** Severity code 0..7 as a point, for {@code severity_code:[0 TO 3]}. */
  public static final String SEVERITY_CODE = "severity_code";

  /** Fields that take {@code field:N} and ranges. */
  public static final Set<String> NUMERIC_FIELDS =
      Set.of(Schema.STATUS, Schema.BYTES, Schema.DURATION, SEVERITY_CODE);

  /** Event attributes indexed as exact terms with sorted doc values. */
  public static final Set<String> KEYWORD_FIELDS =
      Set.of(
          Schema.HOST,
          Schema.APP,
          Schema.FACILITY,
          Schema.SEVERITY,
          Schema.TRANSPORT,
          Schema.PROC_ID,
          Schema.MSG_ID);

  /** Names an extracted field may not take: they belong to the event itself. */
  public static final Set<String> RESERVED =
      Set.of(
          ID,
          SOURCE,
          SEVERITY_CODE,
          Schema.TIMESTAMP,
          Schema.RECEIVED,
          Schema.HOST,
          Schema.APP,
          Schema.PROC_ID,
          Schema.MSG_ID,
          Schema.FACILITY,
          Schema.SEVERITY,
          Schema.MESSAGE,
          Schema.RAW,
          Schema.TRANSPORT,
          Schema.PARSE_ERROR);

  /** Newest first, then highest id first: the index sort, and the order of search results. */
  public static final Sort NEWEST_FIRST =
      new Sort(
          new SortField(Schema.TIMESTAMP, SortField.Type.LONG, true),
          new SortField(ID, SortField.Type.LONG, true));

  private IndexFields() {}
}
