package outpost.index.lucene;

import java.io.IOException;
import java.util.Collection;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import outpost.index.Schema;

/**
 * Counts matching documents per equal-width bucket of {@code @timestamp} doc values over
 * [fromMillis, toMillis). Each collector is confined to one thread; {@link #reduce} sums them.
 */
public final class HistogramCollectorManager
    implements CollectorManager<HistogramCollectorManager.BucketCollector, long[]> {
  private final long fromMillis;
  private final long spanMillis;
  private final int buckets;

  public HistogramCollectorManager(long fromMillis, long toMillis, int buckets) {
    this.fromMillis = fromMillis;
    this.spanMillis = toMillis - fromMillis;
    this.buckets = buckets;
  }

  @Override
  public BucketCollector newCollector() {
    return new BucketCollector();
  }

  @Override
  public long[] reduce(Collection<BucketCollector> collectors) {
    long[] total = new long[buckets];
    for (BucketCollector c : collectors) {
      for (int i = 0; i < buckets; i++) {
        total[i] += c.counts[i];
      }
    }
    return total;
  }

  /** Whether {@link #start} is exact: the span times the bucket count fits a long. */
  boolean exactBounds() {
    return spanMillis < Long.MAX_VALUE / buckets;
  }

  /** First millisecond of bucket {@code i} (i may be {@code buckets}: the end). */
  long start(int i) {
    // bucket(t) = floor(offset * buckets / span), so bucket i starts at ceil(i * span / buckets)
    return fromMillis + Math.ceilDiv(i * spanMillis, buckets);
  }

  /** Bucket of {@code millis}, or -1 outside the range. */
  int bucket(long millis) {
    long offset = millis - fromMillis;
    if (offset < 0 || offset >= spanMillis) {
      return -1;
    }
    if (spanMillis < Long.MAX_VALUE / buckets) {
      // exact even when the span is not a multiple of the bucket count
      return (int) (offset * buckets / spanMillis);
    }
    return (int) Math.min(buckets - 1, offset / (spanMillis / buckets));
  }

  /** Counts per bucket for one search. */
  public final class BucketCollector implements Collector {
    final long[] counts = new long[buckets];

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      NumericDocValues times = DocValues.getNumeric(context.reader(), Schema.TIMESTAMP);
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          if (times.advanceExact(doc)) {
            int b = bucket(times.longValue());
            if (b >= 0) {
              counts[b]++;
            }
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
