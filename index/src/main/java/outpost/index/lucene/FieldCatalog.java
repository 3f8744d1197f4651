package outpost.index.lucene;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.LeafReaderContext;
import outpost.index.FieldName;
import outpost.index.Schema;

/**
 * Lists the searchable fields of the day partitions overlapping a range, from their {@code
 * FieldInfos}, plus the event attributes every event can have. Internal fields (names starting with
 * {@code _}, and {@link IndexFields#SEVERITY_CODE}, a duplicate of {@code severity}) are left out.
 * Thread-safe; holds no searcher between calls.
 */
public final class FieldCatalog {
  public static final String TIME = "time";
  public static final String TEXT = "text";
  public static final String KEYWORD = "keyword";
  public static final String NUMERIC = "numeric";

  private final Partitions partitions;

  public FieldCatalog(Partitions partitions) {
    this.partitions = partitions;
  }

  /** The fields, sorted by name. */
  public List<FieldName> fields(Instant from, Instant to) throws IOException {
    Map<String, String> types = new TreeMap<>();
    types.put(Schema.TIMESTAMP, TIME);
    types.put(Schema.MESSAGE, TEXT);
    IndexFields.KEYWORD_FIELDS.forEach(f -> types.put(f, KEYWORD));
    DayWalk.newestFirst(
        partitions,
        PartitionSearcher.millis(from, false),
        PartitionSearcher.millis(to, true),
        (day, s) -> {
          for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            for (FieldInfo fi : leaf.reader().getFieldInfos()) {
              String type = type(fi);
              if (type != null) {
                types.putIfAbsent(fi.name, type);
              }
            }
          }
          return true;
        });
    return types.entrySet().stream().map(e -> new FieldName(e.getKey(), e.getValue())).toList();
  }

  /** How a field is searched, or null when it is internal or not searchable. */
  static String type(FieldInfo fi) {
    String name = fi.name;
    if (name.startsWith("_") || name.equals(IndexFields.SEVERITY_CODE)) {
      return null;
    }
    if (name.equals(Schema.TIMESTAMP)) {
      return TIME;
    }
    if (name.equals(Schema.MESSAGE)) {
      return TEXT;
    }
    if (fi.getDocValuesType() == DocValuesType.NUMERIC || fi.getPointDimensionCount() > 0) {
      return NUMERIC;
    }
    if (fi.getDocValuesType() == DocValuesType.SORTED
        || fi.getIndexOptions() != IndexOptions.NONE) {
      return KEYWORD;
    }
    return null;
  }
}
