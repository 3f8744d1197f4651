package outpost.index.lucene;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import outpost.index.FieldStats;
import outpost.index.QueryException;
import outpost.index.Schema;
import outpost.index.StoredEvent;

/**
 * Statistics and top events of the numeric fields ({@link Schema#NUMERIC_FIELDS}), from doc values,
 * over the day partitions overlapping a range. Thread-safe; holds no searcher between calls.
 */
public final class NumericSearcher {
  private final Partitions partitions;

  public NumericSearcher(Partitions partitions) {
    this.partitions = partitions;
  }

  private static void requireNumeric(String field) {
    if (!Schema.NUMERIC_FIELDS.contains(field)) {
      throw new QueryException(
          "field '"
              + field
              + "' is not numeric; numeric fields are "
              + String.join(", ", new TreeSet<>(Schema.NUMERIC_FIELDS)));
    }
  }

  /** Count, sum, min and max of {@code field} over matches of {@code query} in [from, to). */
  public FieldStats stats(Query query, Instant from, Instant to, String field) throws IOException {
    requireNumeric(field);
    long fromMs = PartitionSearcher.millis(from, true);
    long toMs = PartitionSearcher.millis(to, true);
    Query q = PartitionSearcher.within(query, fromMs, toMs);
    StatsCollectorManager manager = new StatsCollectorManager(field);
    StatsCollectorManager.Sums all = new StatsCollectorManager.Sums();
    DayWalk.newestFirst(
        partitions,
        fromMs,
        toMs,
        (day, s) -> {
          all.add(s.search(q, manager));
          return true;
        });
    return all.count == 0
        ? new FieldStats(field, 0, 0, 0, 0)
        : new FieldStats(field, all.count, all.sum, all.min, all.max);
  }

  /** One candidate of the top list, ordered by value, then time, then id, all descending. */
  private record Ranked(long value, long millis, StoredEvent event) {}

  private static final Comparator<Ranked> BEST_FIRST =
      Comparator.comparingLong(Ranked::value)
          .thenComparingLong(Ranked::millis)
          .thenComparingLong(r -> r.event().id())
          .reversed();

  /** The {@code limit} matches with the highest values of {@code field}; ties newest first. */
  public List<StoredEvent> top(Query query, Instant from, Instant to, String field, int limit)
      throws IOException {
    requireNumeric(field);
    long fromMs = PartitionSearcher.millis(from, true);
    long toMs = PartitionSearcher.millis(to, true);
    Query q =
        PartitionSearcher.within(
            new BooleanQuery.Builder()
                .add(query, Occur.MUST)
                .add(new FieldExistsQuery(field), Occur.FILTER)
                .build(),
            fromMs,
            toMs);
    Sort sort =
        new Sort(
            new SortField(field, SortField.Type.LONG, true),
            new SortField(Schema.TIMESTAMP, SortField.Type.LONG, true),
            new SortField(IndexFields.ID, SortField.Type.LONG, true));
    List<Ranked> best = new ArrayList<>();
    DayWalk.newestFirst(
        partitions,
        fromMs,
        toMs,
        (day, s) -> {
          TopFieldDocs top = s.search(q, new TopFieldCollectorManager(sort, limit, null, limit));
          StoredFields stored = s.storedFields();
          for (ScoreDoc sd : top.scoreDocs) {
            FieldDoc fd = (FieldDoc) sd;
            long value = (Long) fd.fields[0];
            long millis = (Long) fd.fields[1];
            long id = (Long) fd.fields[2];
            if (best.size() == limit && !beats(value, millis, id, best.getLast())) {
              break; // this partition's remaining hits rank lower still
            }
            best.add(
                new Ranked(value, millis, new StoredEvent(id, StoredSource.load(stored, sd.doc))));
            best.sort(BEST_FIRST);
            if (best.size() > limit) {
              best.removeLast();
            }
          }
          return true;
        });
    return best.stream().map(Ranked::event).toList();
  }

  private static boolean beats(long value, long millis, long id, Ranked worst) {
    if (value != worst.value()) {
      return value > worst.value();
    }
    if (millis != worst.millis()) {
      return millis > worst.millis();
    }
    return id > worst.event().id();
  }
}
