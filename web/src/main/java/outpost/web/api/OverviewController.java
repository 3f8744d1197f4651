package outpost.web.api;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Future;
import outpost.alerts.AlertService;
import outpost.alerts.AlertsElsewhereException;
import outpost.index.Histogram;
import outpost.index.HistogramRequest;
import outpost.index.HostDirectory;
import outpost.index.HostInfo;
import outpost.index.LogSearch;
import outpost.index.SearchRequest;
import outpost.index.StoredEvent;
import outpost.web.alerts.AlertJson;

/**
 * {@code GET /api/overview}: the landing page's numbers, from the store (counts, histogram, newest
 * errors, all queried at the same time), the host directory and the checks' summary (or, on a node
 * that does not run the alerts, where they run). Thread-safe.
 */
public final class OverviewController {
  /** Severity emerg (0) to err (3), by the index's numeric severity code. */
  public static final String ERRORS_QUERY = "severity_code:[0 TO 3]";

  public static final String HTTP_5XX_QUERY = "status:[500 TO 599]";

  /** Every event with a status: an access-log line. */
  public static final String REQUESTS_QUERY = "status:[* TO *]";

  public static final Duration SILENT_AFTER = Duration.ofMinutes(10);
  public static final int TOP_HOSTS = 10;
  public static final int NEWEST_ERRORS = 10;

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = Duration.ofDays(1);

  private final LogSearch search;
  private final HostDirectory hosts;
  private final AlertService alerts;
  private final InstantSource clock;

  public OverviewController(
      LogSearch search, HostDirectory hosts, AlertService alerts, InstantSource clock) {
    this.search = search;
    this.hosts = hosts;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** Takes no parameters. */
  public void overview(Context ctx) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant histogramEnd = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    try (Forks forks = new Forks()) {
      Future<Histogram> perMinute =
          forks.fork(
              () ->
                  search.histogram(
                      new HistogramRequest(
                          "", histogramEnd.minus(HOUR), histogramEnd, HostInfo.MINUTES)));
      Future<OverviewResponse.Comparison> errors = compare(forks, ERRORS_QUERY, now);
      Future<OverviewResponse.Comparison> http5xx = compare(forks, HTTP_5XX_QUERY, now);
      Future<OverviewResponse.Comparison> requests = compare(forks, REQUESTS_QUERY, now);
      Future<List<StoredEvent>> newestErrors =
          forks.fork(
              () ->
                  search
                      .search(
                          new SearchRequest(ERRORS_QUERY, now.minus(DAY), now, NEWEST_ERRORS, ""))
                      .hits());
      List<HostInfo> all = hosts.hosts();
      Histogram histogram = Forks.join(perMinute);
      ctx.json(
          new OverviewResponse(
              ApiTime.format(now),
              new OverviewResponse.PerMinute(
                  histogram.interval().toMillis(),
                  HistogramResponse.of("", "", histogram).buckets()),
              topHosts(all, now),
              Forks.join(errors),
              Forks.join(http5xx),
              Forks.join(requests),
              silentHosts(all, now),
              Forks.join(newestErrors).stream().map(HitJson::of).toList(),
              hostCounts(all, now),
              checks(now)));
    }
  }

  /** The checks' summary, or where they run when not on this node. */
  private Object checks(Instant now) {
    return alerts
        .elsewhere()
        .<Object>map(node -> AlertJson.ElsewhereJson.of(new AlertsElsewhereException(node)))
        .orElseGet(() -> AlertJson.SummaryJson.of(alerts.summary(), now));
  }

  /** Matches of {@code query} in the last hour and in the same hour a day earlier. */
  private Future<OverviewResponse.Comparison> compare(Forks forks, String query, Instant now) {
    Future<Long> lastHour = forks.fork(() -> count(query, now.minus(HOUR), now));
    Future<Long> yesterday =
        forks.fork(() -> count(query, now.minus(DAY).minus(HOUR), now.minus(DAY)));
    return forks.fork(
        () -> new OverviewResponse.Comparison(Forks.join(lastHour), Forks.join(yesterday)));
  }

  private long count(String query, Instant from, Instant to) {
    return search.search(new SearchRequest(query, from, to, 1, "")).total();
  }

  private static List<OverviewResponse.TopHost> topHosts(List<HostInfo> all, Instant now) {
    return all.stream()
        .map(
            h -> {
              List<Long> perMinute = HostViews.perMinute(h, now);
              long sum = perMinute.stream().mapToLong(Long::longValue).sum();
              return new OverviewResponse.TopHost(h.name(), sum, perMinute);
            })
        .filter(t -> t.messagesLastHour() > 0)
        .sorted(
            Comparator.comparingLong(OverviewResponse.TopHost::messagesLastHour)
                .reversed()
                .thenComparing(OverviewResponse.TopHost::name))
        .limit(TOP_HOSTS)
        .toList();
  }

  private static List<OverviewResponse.SilentHost> silentHosts(List<HostInfo> all, Instant now) {
    return all.stream()
        .filter(h -> HostViews.silent(h, now, SILENT_AFTER))
        .sorted(Comparator.comparing(HostInfo::lastSeen).reversed().thenComparing(HostInfo::name))
        .map(
            h ->
                new OverviewResponse.SilentHost(
                    h.name(), ApiTime.format(h.lastSeen()), HostViews.silentSeconds(h, now)))
        .toList();
  }

  private static OverviewResponse.HostCounts hostCounts(List<HostInfo> all, Instant now) {
    long retired = all.stream().filter(HostInfo::retired).count();
    long silent = all.stream().filter(h -> HostViews.silent(h, now, SILENT_AFTER)).count();
    return new OverviewResponse.HostCounts(
        all.size(), all.size() - retired - silent, silent, retired);
  }
}
