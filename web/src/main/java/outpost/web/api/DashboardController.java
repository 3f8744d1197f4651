package outpost.web.api;

import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import outpost.index.FacetRequest;
import outpost.index.Facets;
import outpost.index.FacetsRequest;
import outpost.index.FieldStats;
import outpost.index.Histogram;
import outpost.index.HistogramRequest;
import outpost.index.LogSearch;
import outpost.index.Schema;
import outpost.index.SearchRequest;
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

  /** The store calls of one dashboard, started at once. */
  private record Calls(
      Map<String, Future<Histogram>> histograms,
      Future<Long> requests,
      Future<FieldStats> bytes,
      Future<FieldStats> duration,
      Future<List<Facets>> tops,
      Future<Facets> errorPaths,
      Future<List<StoredEvent>> slowest) {}

  /** The top lists over all matching requests, counted in one pass, in this order. */
  private static final List<String> TOP_FIELDS =
      List.of(Schema.PATH, Schema.CLIENT_IP, Schema.REFERER, Schema.USER_AGENT, Schema.HOST);

  /** {@code q} narrows the access-log events; {@code buckets} 1..1000, default 60. */
  public void dashboard(Context ctx) {
    String q = Params.query(ctx);
    Params.Range r = Params.range(ctx, clock);
    int buckets = Params.intParam(ctx, "buckets", 1, HistogramRequest.MAX_BUCKETS, DEFAULT_BUCKETS);
    try (Forks forks = new Forks()) {
      ctx.json(respond(r, start(forks, and(q, OverviewController.REQUESTS_QUERY), r, buckets)));
    }
  }

  private Calls start(Forks forks, String base, Params.Range r, int buckets) {
    Map<String, Future<Histogram>> histograms = new LinkedHashMap<>();
    STATUS_CLASSES.forEach(
        (name, query) -> {
          var request = new HistogramRequest(and(base, query), r.from(), r.to(), buckets);
          histograms.put(name, forks.fork(() -> search.histogram(request)));
        });
    var tops = new FacetsRequest(base, r.from(), r.to(), TOP_FIELDS, TOP_SIZE);
    var errorPaths =
        new FacetRequest(and(base, ERROR_STATUSES), r.from(), r.to(), Schema.PATH, TOP_SIZE);
    return new Calls(
        histograms,
        forks.fork(() -> search.search(new SearchRequest(base, r.from(), r.to(), 1, "")).total()),
        forks.fork(() -> search.stats(new StatsRequest(base, r.from(), r.to(), Schema.BYTES))),
        forks.fork(() -> search.stats(new StatsRequest(base, r.from(), r.to(), Schema.DURATION))),
        forks.fork(() -> search.facets(tops)),
        forks.fork(() -> search.facets(errorPaths)),
        forks.fork(
            () -> search.top(new TopRequest(base, r.from(), r.to(), Schema.DURATION, SLOWEST))));
  }

  /** Joins the calls; the histograms first, so a query that does not parse fails there. */
  private static DashboardResponse respond(Params.Range r, Calls calls) {
    Map<String, List<Long>> counts = new LinkedHashMap<>();
    Histogram first = null;
    for (var entry : calls.histograms().entrySet()) {
      Histogram h = Forks.join(entry.getValue());
      first = first == null ? h : first;
      counts.put(entry.getKey(), h.buckets().stream().map(Histogram.Bucket::count).toList());
    }
    FieldStats bytes = Forks.join(calls.bytes());
    FieldStats duration = Forks.join(calls.duration());
    List<Facets> tops = Forks.join(calls.tops());
    return new DashboardResponse(
        ApiTime.format(r.from()),
        ApiTime.format(r.to()),
        first.interval().toMillis(),
        first.buckets().stream().map(b -> ApiTime.format(b.start())).toList(),
        counts,
        Forks.join(calls.requests()),
        new DashboardResponse.Bytes(bytes.sum(), bytes.average()),
        duration.count() == 0
            ? null
            : new DashboardResponse.Duration(duration.count(), duration.average(), duration.max()),
        values(tops.get(0)),
        values(Forks.join(calls.errorPaths())),
        values(tops.get(1)),
        values(tops.get(2)),
        values(tops.get(3)),
        values(tops.get(4)),
        Forks.join(calls.slowest()).stream().map(HitJson::of).toList());
  }

  private static List<FacetsResponse.ValueJson> values(Facets facets) {
    return facets.values().stream()
        .map(v -> new FacetsResponse.ValueJson(v.value(), v.count()))
        .toList();
  }

  /** {@code (left) AND right}, or {@code right} when {@code left} is blank. */
  static String and(String left, String right) {
    return left.isBlank() ? right : "(" + left + ") AND " + right;
  }
}
