package outpost.index.lucene;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import outpost.index.Facets;
import outpost.index.Histogram;
import outpost.index.QueryException;
import outpost.index.Schema;
import outpost.index.SearchPage;
import outpost.index.StoredEvent;

/**
 * Runs parsed queries over the day partitions that overlap [from, to), newest day first, opening
 * only those. Thread-safe; every searcher is released in a finally block.
 */
public final class PartitionSearcher {
  private static final long DAY_MILLIS = DayWalk.DAY_MILLIS;

  private final Partitions partitions;

  public PartitionSearcher(Partitions partitions) {
    this.partitions = partitions;
  }

  private void visit(long fromMillis, long toMillis, DayWalk.Visitor visitor) throws IOException {
    DayWalk.newestFirst(partitions, fromMillis, toMillis, visitor);
  }

  static long millis(Instant t, boolean roundUp) {
    try {
      long ms = t.toEpochMilli();
      return roundUp && t.getNano() % 1_000_000 != 0 ? ms + 1 : ms;
    } catch (ArithmeticException e) {
      return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
    }
  }

  private static Query timeRange(long fromMillis, long toMillis) {
    return LongPoint.newRangeQuery(Schema.TIMESTAMP, fromMillis, toMillis - 1);
  }

  static Query within(Query query, long fromMillis, long toMillis) {
    return new BooleanQuery.Builder()
        .add(query, BooleanClause.Occur.MUST)
        .add(
            LongPoint.newRangeQuery(Schema.TIMESTAMP, fromMillis, toMillis - 1),
            BooleanClause.Occur.FILTER)
        .build();
  }

  /** Newest first after {@code after} (empty for the first page); total is exact. */
  public SearchPage search(Query query, Instant from, Instant to, int limit, String after)
      throws IOException {
    Cursor cursor = Cursor.decode(after);
    long fromMs = millis(from, true);
    long toMs = millis(to, true);
    Query q = within(query, fromMs, toMs);
    List<StoredEvent> hits = new ArrayList<>(Math.min(limit, 1024));
    long[] total = {0};
    FieldDoc[] last = {null};
    visit(
        fromMs,
        toMs,
        (day, s) -> {
          total[0] += s.count(q);
          boolean needed =
              cursor == null || day.toEpochDay() <= Math.floorDiv(cursor.millis(), DAY_MILLIS);
          if (hits.size() < limit && needed) {
            last[0] = page(s, q, cursor, limit - hits.size(), hits, last[0]);
          }
          return true;
        });
    String next = hits.size() == limit && last[0] != null ? Cursor.of(last[0]).encode() : "";
    return new SearchPage(total[0], hits, next);
  }

  private static FieldDoc page(
      IndexSearcher s, Query q, Cursor cursor, int n, List<StoredEvent> hits, FieldDoc last)
      throws IOException {
    FieldDoc after = cursor == null ? null : cursor.toFieldDoc();
    TopFieldDocs top =
        s.search(q, new TopFieldCollectorManager(IndexFields.NEWEST_FIRST, n, after, n));
    StoredFields stored = s.storedFields();
    FieldDoc lastHit = last;
    for (ScoreDoc sd : top.scoreDocs) {
      FieldDoc fd = (FieldDoc) sd;
      hits.add(new StoredEvent((Long) fd.fields[1], StoredSource.load(stored, fd.doc)));
      lastHit = fd;
    }
    return lastHit;
  }

  /** Counts per equal-width bucket over [from, to). */
  public Histogram histogram(Query query, Instant from, Instant to, int buckets)
      throws IOException {
    long fromMs = millis(from, true);
    long toMs = millis(to, true);
    Query q = within(query, fromMs, toMs);
    HistogramCollectorManager manager = new HistogramCollectorManager(fromMs, toMs, buckets);
    boolean countPoints = query instanceof MatchAllDocsQuery && manager.exactBounds();
    long[] counts = new long[buckets];
    visit(
        fromMs,
        toMs,
        (day, s) -> {
          for (int i = 0; i < buckets; i++) {
            // without a query, each bucket is a point range that the BKD tree counts directly
            counts[i] +=
                countPoints ? s.count(timeRange(manager.start(i), manager.start(i + 1))) : 0;
          }
          if (!countPoints) {
            long[] part = s.search(q, manager);
            for (int i = 0; i < buckets; i++) {
              counts[i] += part[i];
            }
          }
          return true;
        });
    Duration interval = Duration.between(from, to).dividedBy(buckets);
    List<Histogram.Bucket> result = new ArrayList<>(buckets);
    for (int i = 0; i < buckets; i++) {
      result.add(new Histogram.Bucket(from.plus(interval.multipliedBy(i)), counts[i]));
    }
    return new Histogram(interval, result);
  }

  /**
   * Top {@code size} values of {@code field}.
   *
   * @throws QueryException if no partition in range knows the field and it is not a standard one
   */
  public Facets facets(Query query, Instant from, Instant to, String field, int size)
      throws IOException {
    return facets(query, from, to, List.of(field), size).get(0);
  }

  /**
   * Top {@code size} values of each of {@code fields}, counted in one pass over the matches.
   *
   * @throws QueryException if no partition in range knows a field and it is not a standard one
   */
  public List<Facets> facets(Query query, Instant from, Instant to, List<String> fields, int size)
      throws IOException {
    for (String field : fields) {
      if (field.startsWith("_") || field.equals(Schema.TIMESTAMP)) {
        throw new QueryException("field '" + field + "' cannot be counted");
      }
    }
    long fromMs = millis(from, true);
    long toMs = millis(to, true);
    Query q = within(query, fromMs, toMs);
    FacetCollectorManager manager = new FacetCollectorManager(fields);
    List<FacetCollectorManager.Counts> all = new ArrayList<>();
    boolean[] known = new boolean[fields.size()];
    for (int i = 0; i < known.length; i++) {
      all.add(new FacetCollectorManager.Counts());
      known[i] = isStandardFacet(fields.get(i));
    }
    visit(
        fromMs,
        toMs,
        (day, s) -> {
          List<FacetCollectorManager.Counts> part = s.search(q, manager);
          for (int i = 0; i < known.length; i++) {
            known[i] |= hasDocValues(s, fields.get(i));
            all.get(i).add(part.get(i));
          }
          return true;
        });
    List<Facets> result = new ArrayList<>(fields.size());
    for (int i = 0; i < known.length; i++) {
      if (!known[i]) {
        throw new QueryException(
            "unknown field '" + fields.get(i) + "': it has no values to count");
      }
      result.add(top(fields.get(i), all.get(i), size));
    }
    return result;
  }

  private static Facets top(String field, FacetCollectorManager.Counts all, int size) {
    List<Facets.Value> top =
        all.values().entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(size)
            .map(e -> new Facets.Value(e.getKey(), e.getValue()))
            .toList();
    return new Facets(field, all.total(), all.missing(), top);
  }

  /** Fields Outpost itself fills: counting them never fails, even before any event has them. */
  private static final java.util.Set<String> ACCESS_LOG_FIELDS =
      java.util.Set.of(
          Schema.CLIENT_IP,
          Schema.USER,
          Schema.METHOD,
          Schema.PATH,
          Schema.PROTOCOL,
          Schema.REFERER,
          Schema.USER_AGENT,
          Schema.VHOST);

  private static boolean isStandardFacet(String field) {
    return IndexFields.KEYWORD_FIELDS.contains(field)
        || Schema.NUMERIC_FIELDS.contains(field)
        || ACCESS_LOG_FIELDS.contains(field);
  }

  private static boolean hasDocValues(IndexSearcher s, String field) {
    for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
      FieldInfo fi = leaf.reader().getFieldInfos().fieldInfo(field);
      if (fi != null
          && (fi.getDocValuesType() == DocValuesType.SORTED
              || fi.getDocValuesType() == DocValuesType.NUMERIC)) {
        return true;
      }
    }
    return false;
  }
}
