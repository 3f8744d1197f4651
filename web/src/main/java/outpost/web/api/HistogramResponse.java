package outpost.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import outpost.index.Histogram;

/** JSON body of {@code GET /api/histogram}: every bucket in time order, empty ones included. */
public record HistogramResponse(
    String from,
    String to,
    @JsonProperty("interval_ms") long intervalMs,
    List<BucketJson> buckets) {
  public HistogramResponse {
    buckets = List.copyOf(buckets);
  }

  /** Events in [start, start + interval). */
  public record BucketJson(String start, long count) {}

  static HistogramResponse of(String from, String to, Histogram histogram) {
    return new HistogramResponse(
        from,
        to,
        histogram.interval().toMillis(),
        histogram.buckets().stream()
            .map(b -> new BucketJson(ApiTime.format(b.start()), b.count()))
            .toList());
  }
}
