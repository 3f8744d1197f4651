package outpost.index.lucene;

import java.io.IOException;
import java.util.Collection;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Count, saturating sum, min and max of one numeric doc values field over matching documents. Each
 * collector is confined to one thread; {@link #reduce} merges them.
 */
final class StatsCollectorManager
    implements CollectorManager<StatsCollectorManager.StatsCollector, StatsCollectorManager.Sums> {
  private final String field;

  StatsCollectorManager(String field) {
    this.field = field;
  }

  /** Running totals. Not thread-safe. */
  static final class Sums {
    long count;
    long sum;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;

    void add(long value) {
      count++;
      sum = saturatingAdd(sum, value);
      min = Math.min(min, value);
      max = Math.max(max, value);
    }

    void add(Sums other) {
      count += other.count;
      sum = saturatingAdd(sum, other.sum);
      min = Math.min(min, other.min);
      max = Math.max(max, other.max);
    }
  }

  /** {@code a + b}, clamped to the long range instead of wrapping. */
  static long saturatingAdd(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }

  @Override
  public StatsCollector newCollector() {
    return new StatsCollector();
  }

  @Override
  public Sums reduce(Collection<StatsCollector> collectors) {
    Sums all = new Sums();
    collectors.forEach(c -> all.add(c.sums));
    return all;
  }

  /** Totals for one search. */
  final class StatsCollector implements Collector {
    final Sums sums = new Sums();

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      NumericDocValues values = context.reader().getNumericDocValues(field);
      if (values == null) {
        throw new CollectionTerminatedException(); // no document of this segment has the field
      }
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          if (values.advanceExact(doc)) {
            sums.add(values.longValue());
          }
        }
      };
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }
}
