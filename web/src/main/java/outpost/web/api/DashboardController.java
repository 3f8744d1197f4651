package outpost.web.api;

import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import outpost.index.FacetRequest;
import outpost.index.Facets;
import outpost.index.FieldStats;
import outpost.index.Histogram;
import outpost.index.HistogramRequest;
import outpost.index.LogSearch;
import outpost.index.Schema;
import outpost.index.StatsRequest;
import outpost.index.StoredEvent;
import outpost.index.TopRequest;

/**
 * {@code GET /api/dashboard?q=&from=&to=&buckets=}: the access-log dashboard over events with a
 * {@code status} (further narrowed by {@code q}): requests per status class over time, bytes and
 * duration statistics, top values and the slowest requests, all queried at the same time.
 * Thread-safe.
 */
public final class DashboardController {
  public static final int DEFAULT_BUCKETS = 60;
  public static final int TOP_SIZE = 10;
  public static final int SLOWEST = 20;
  public static final String ERROR_STATUSES = "status:[400 TO 599]";

  private static final Map<String, String> STATUS_CLASSES = statusClasses();

  private final LogSearch search;
  private final InstantSource clock;

  public DashboardController(LogSearch search, InstantSource clock) {
    this.search = search;
    this.clock = clock;
  }

  private static Map<String, String> statusClasses() {
    Map<String, String> classes = new LinkedHashMap<>();
    for (int c = 1; c <= 5; c++) {
      classes.put(c + "xx", "status:[" + c + "00 TO " + c + "99]");
    }
    return classes;
  }

  /** {@code q} narrows the access-log events; {@code buckets} 1..1000, default 60. */
  public void dashboard(Context ctx) {
    String q = Params.query(ctx);
    Params.Range r = Params.range(ctx, clock);
    int buckets = Params.intParam(ctx, "buckets", 1, HistogramRequest.MAX_BUCKETS, DEFAULT_BUCKETS);
    String base = and(q, OverviewController.REQUESTS_QUERY);
    try (Forks forks = new Forks()) {
      Map<String, Future<Histogram>> histograms = new LinkedHashMap<>();
      STATUS_CLASSES.forEach(
          (name, query) ->
              histograms.put(
                  name,
                  forks.fork(
                      () ->
                          search.histogram(
                              new HistogramRequest(and(base, query), r.from(), r.to(), buckets)))));
      Future<FieldStats> bytes =
          forks.fork(() -> search.stats(new StatsRequest(base, r.from(), r.to(), Schema.BYTES)));
      Future<FieldStats> duration =
          forks.fork(() -> search.stats(new StatsRequest(base, r.from(), r.to(), Schema.DURATION)));
      Future<Facets> paths = facet(forks, base, r, Schema.PATH);
      Future<Facets> errorPaths = facet(forks, and(base, ERROR_STATUSES), r, Schema.PATH);
      Future<Facets> clients = facet(forks, base, r, Schema.CLIENT_IP);
      Future<Facets> referrers = facet(forks, base, r, Schema.REFERER);
      Future<Facets> agents = facet(forks, base, r, Schema.USER_AGENT);
      Future<Facets> hosts = facet(forks, base, r, Schema.HOST);
      Future<List<StoredEvent>> slowest =
          forks.fork(
              () -> search.top(new TopRequest(base, r.from(), r.to(), Schema.DURATION, SLOWEST)));
      Histogram first = Forks.join(histograms.values().iterator().next());
      Map<String, List<Long>> counts = new LinkedHashMap<>();
      histograms.forEach(
          (name, h) ->
              counts.put(
                  name, Forks.join(h).buckets().stream().map(Histogram.Bucket::count).toList()));
      FieldStats bytesStats = Forks.join(bytes);
      FieldStats durationStats = Forks.join(duration);
      ctx.json(
          new DashboardResponse(
              ApiTime.format(r.from()),
              ApiTime.format(r.to()),
              first.interval().toMillis(),
              first.buckets().stream().map(b -> ApiTime.format(b.start())).toList(),
              counts,
              Forks.join(paths).total(),
              new DashboardResponse.Bytes(bytesStats.sum(), bytesStats.average()),
              durationStats.count() == 0
                  ? null
                  : new DashboardResponse.Duration(
                      durationStats.count(), durationStats.average(), durationStats.max()),
              values(paths),
              values(errorPaths),
              values(clients),
              values(referrers),
              values(agents),
              values(hosts),
              Forks.join(slowest).stream().map(HitJson::of).toList()));
    }
  }

  private Future<Facets> facet(Forks forks, String query, Params.Range r, String field) {
    return forks.fork(
        () -> search.facets(new FacetRequest(query, r.from(), r.to(), field, TOP_SIZE)));
  }

  private static List<FacetsResponse.ValueJson> values(Future<Facets> facets) {
    return Forks.join(facets).values().stream()
        .map(v -> new FacetsResponse.ValueJson(v.value(), v.count()))
        .toList();
  }

  /** {@code (left) AND right}, or {@code right} when {@code left} is blank. */
  static String and(String left, String right) {
    return left.isBlank() ? right : "(" + left + ") AND " + right;
  }
}
