package outpost.index.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts the values of one or more fields among matching documents in one pass, from doc values:
 * ordinals per segment for keyword fields (resolved to strings once per segment), values for
 * numeric fields. Each collector is confined to one thread; {@link #reduce} merges them into one
 * {@link Counts} per field, in the order of the fields.
 */
public final class FacetCollectorManager
    implements CollectorManager<
        FacetCollectorManager.ValueCollector, List<FacetCollectorManager.Counts>> {
  private final List<String> fields;

  public FacetCollectorManager(List<String> fields) {
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("no field to count");
    }
    this.fields = List.copyOf(fields);
  }

  /** Value counts, missing and total matching documents. Not thread-safe. */
  public static final class Counts {
    final Map<String, Long> values = new HashMap<>();
    long missing;
    long total;

    /** Adds {@code other} into this. */
    public void add(Counts other) {
      other.values.forEach((k, v) -> values.merge(k, v, Long::sum));
      missing += other.missing;
      total += other.total;
    }

    public Map<String, Long> values() {
      return values;
    }

    public long missing() {
      return missing;
    }

    public long total() {
      return total;
    }
  }

  @Override
  public ValueCollector newCollector() {
    return new ValueCollector();
  }

  @Override
  public List<Counts> reduce(Collection<ValueCollector> collectors) {
    List<Counts> all = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      Counts field = new Counts();
      for (ValueCollector c : collectors) {
        field.add(c.counts[i]);
      }
      all.add(field);
    }
    return all;
  }

  /** Counts for one search. */
  public final class ValueCollector implements Collector {
    final Counts[] counts = new Counts[fields.size()];

    ValueCollector() {
      Arrays.setAll(counts, i -> new Counts());
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      if (fields.size() == 1) {
        return counter(context, fields.get(0), counts[0]);
      }
      LeafCollector[] each = new LeafCollector[fields.size()];
      for (int i = 0; i < each.length; i++) {
        each[i] = counter(context, fields.get(i), counts[i]);
      }
      return new AllFields(each);
    }

    private static LeafCollector counter(LeafReaderContext context, String field, Counts counts)
        throws IOException {
      SortedDocValues sorted = context.reader().getSortedDocValues(field);
      if (sorted != null) {
        return new OrdinalCounter(sorted, counts);
      }
      NumericDocValues numbers = context.reader().getNumericDocValues(field);
      return new NumberCounter(numbers, counts);
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

  /** Several fields in one segment: each document goes to every field's counter. */
  private record AllFields(LeafCollector[] each) implements LeafCollector {
    @Override
    public void setScorer(Scorable scorer) {}

    @Override
    public void collect(int doc) throws IOException {
      for (LeafCollector c : each) {
        c.collect(doc);
      }
    }

    @Override
    public void finish() throws IOException {
      for (LeafCollector c : each) {
        c.finish();
      }
    }
  }

  /** Keyword field in one segment: an array of counts per ordinal. */
  private static final class OrdinalCounter implements LeafCollector {
    private final SortedDocValues values;
    private final Counts counts;
    private final int[] perOrd;

    OrdinalCounter(SortedDocValues values, Counts counts) {
      this.values = values;
      this.counts = counts;
      this.perOrd = new int[values.getValueCount()];
    }

    @Override
    public void setScorer(Scorable scorer) {}

    @Override
    public void collect(int doc) throws IOException {
      counts.total++;
      if (values.advanceExact(doc)) {
        perOrd[values.ordValue()]++;
      } else {
        counts.missing++;
      }
    }

    @Override
    public void finish() throws IOException {
      for (int ord = 0; ord < perOrd.length; ord++) {
        if (perOrd[ord] > 0) {
          counts.values.merge(values.lookupOrd(ord).utf8ToString(), (long) perOrd[ord], Long::sum);
        }
      }
    }
  }

  /** Numeric field (or a segment without the field) in one segment. */
  private static final class NumberCounter implements LeafCollector {
    private final NumericDocValues values;
    private final Counts counts;
    private final LongCounts perValue = new LongCounts();

    NumberCounter(NumericDocValues values, Counts counts) {
      this.values = values;
      this.counts = counts;
    }

    @Override
    public void setScorer(Scorable scorer) {}

    @Override
    public void collect(int doc) throws IOException {
      counts.total++;
      if (values != null && values.advanceExact(doc)) {
        perValue.increment(values.longValue());
      } else {
        counts.missing++;
      }
    }

    @Override
    public void finish() {
      perValue.forEach((v, n) -> counts.values.merge(Long.toString(v), n, Long::sum));
    }
  }
}
