package outpost.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * JSON body of {@code GET /api/overview}, the landing page.
 *
 * @param perMinute all events per minute over the last hour, the last bucket the current minute
 * @param topHosts the busiest hosts of the last hour, at most 10
 * @param errors events of severity emerg..err
 * @param http5xx events with a 5xx status
 * @param requests events with any status
 * @param silentHosts hosts not retired and silent for more than 10 minutes, longest silent last
 * @param newestErrors the 10 newest events of severity emerg..err in the last 24 hours
 * @param checks the health checks' summary ({@code outpost.web.alerts.AlertJson.SummaryJson}), or
 *     on a node that does not run the alerts where they run ({@code AlertJson.ElsewhereJson})
 */
public record OverviewResponse(
    String now,
    @JsonProperty("per_minute") PerMinute perMinute,
    @JsonProperty("top_hosts") List<TopHost> topHosts,
    Comparison errors,
    @JsonProperty("http_5xx") Comparison http5xx,
    Comparison requests,
    @JsonProperty("silent_hosts") List<SilentHost> silentHosts,
    @JsonProperty("newest_errors") List<HitJson> newestErrors,
    HostCounts hosts,
    Object checks) {
  public OverviewResponse {
    topHosts = List.copyOf(topHosts);
    silentHosts = List.copyOf(silentHosts);
    newestErrors = List.copyOf(newestErrors);
  }

  /** Equal buckets, oldest first. */
  public record PerMinute(
      @JsonProperty("interval_ms") long intervalMs, List<HistogramResponse.BucketJson> buckets) {
    public PerMinute {
      buckets = List.copyOf(buckets);
    }
  }

  /** One of the busiest hosts. */
  public record TopHost(
      String name,
      @JsonProperty("messages_last_hour") long messagesLastHour,
      @JsonProperty("per_minute") List<Long> perMinute) {
    public TopHost {
      perMinute = List.copyOf(perMinute);
    }
  }

  /** A count over the last hour next to the same hour a day earlier. */
  public record Comparison(
      @JsonProperty("last_hour") long lastHour,
      @JsonProperty("same_hour_yesterday") long sameHourYesterday) {}

  /** A host that stopped logging. */
  public record SilentHost(
      String name,
      @JsonProperty("last_seen") String lastSeen,
      @JsonProperty("silent_seconds") long silentSeconds) {}

  /** Hosts by state: active (logging), silent, retired; total is their sum. */
  public record HostCounts(long total, long active, long silent, long retired) {}
}
