package outpost.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * JSON body of {@code GET /api/dashboard}: the access-log view of events with a {@code status}.
 *
 * @param bucketStarts the start of each histogram bucket
 * @param statusClasses {@code 1xx}..{@code 5xx}, each one count per bucket
 * @param requests events with a status matching {@code q} in the range
 * @param duration null when no matching event logged a duration
 * @param slowest the 20 matching events with the highest duration, slowest first
 */
public record DashboardResponse(
    String from,
    String to,
    @JsonProperty("interval_ms") long intervalMs,
    @JsonProperty("bucket_starts") List<String> bucketStarts,
    @JsonProperty("status_classes") Map<String, List<Long>> statusClasses,
    long requests,
    Bytes bytes,
    Duration duration,
    @JsonProperty("top_paths") List<FacetsResponse.ValueJson> topPaths,
    @JsonProperty("top_error_paths") List<FacetsResponse.ValueJson> topErrorPaths,
    @JsonProperty("top_clients") List<FacetsResponse.ValueJson> topClients,
    @JsonProperty("top_referrers") List<FacetsResponse.ValueJson> topReferrers,
    @JsonProperty("top_user_agents") List<FacetsResponse.ValueJson> topUserAgents,
    @JsonProperty("top_hosts") List<FacetsResponse.ValueJson> topHosts,
    List<HitJson> slowest) {

  /** Response sizes: their sum and the mean over requests that logged one. */
  public record Bytes(long sum, double average) {}

  /** Request durations in microseconds, over requests that logged one. */
  public record Duration(
      long count,
      @JsonProperty("average_us") double averageMicros,
      @JsonProperty("max_us") long maxMicros) {}
}
