package outpost.index;

import java.time.Instant;
import java.util.Objects;

/** Event counts over [{@code from}, {@code to}) split into {@code buckets} equal intervals. */
public record HistogramRequest(String query, Instant from, Instant to, int buckets) {
  public static final int MAX_BUCKETS = 1_000;

  public HistogramRequest {
    query = Objects.requireNonNullElse(query, "");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new QueryException("from " + from + " is not before to " + to);
    }
    if (buckets < 1 || buckets > MAX_BUCKETS) {
      throw new QueryException("buckets " + buckets + " outside 1.." + MAX_BUCKETS);
    }
  }
}
