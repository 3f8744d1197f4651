package outpost.index;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Counts per time bucket.
 *
 * @param interval width of each bucket
 * @param buckets every bucket in order, including empty ones
 */
public record Histogram(Duration interval, List<Bucket> buckets) {
  public Histogram {
    buckets = List.copyOf(buckets);
  }

  /** Events in [{@code start}, {@code start + interval}). */
  public record Bucket(Instant start, long count) {}
}
