package outpost.web.api;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import outpost.index.FacetRequest;
import outpost.index.HistogramRequest;
import outpost.index.LogSearch;
import outpost.index.SearchPage;
import outpost.index.SearchRequest;

/**
 * {@code GET /api/search}, {@code /api/histogram} and {@code /api/facets}: translates query
 * parameters into index requests and results into JSON DTOs; no logic of its own. Every endpoint
 * takes {@code q} (Lucene syntax, blank matches all) and the range {@code from} (inclusive) to
 * {@code to} (exclusive) in the forms {@link TimeParser} accepts; {@code to} defaults to now and
 * {@code from} to 24 hours before {@code to}. Thread-safe.
 */
public final class SearchController {
  public static final int DEFAULT_LIMIT = 100;
  public static final int DEFAULT_BUCKETS = 60;
  public static final int DEFAULT_FACET_SIZE = 10;
  public static final Duration DEFAULT_RANGE = Duration.ofHours(24);
  public static final int MAX_QUERY_CHARS = 4096;
  public static final int MAX_CURSOR_CHARS = 1024;

  private static final TimeSpec NOW = new TimeSpec.Relative("now", Duration.ZERO);
  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,128}");

  // Javalin runs checks on absent parameters too, with null: every check lets null pass.

  private final LogSearch search;
  private final InstantSource clock;

  public SearchController(LogSearch search, InstantSource clock) {
    this.search = search;
    this.clock = clock;
  }

  /** Newest first, one page; {@code limit} (default 100) and {@code after} (a cursor). */
  public void search(Context ctx) {
    String query = query(ctx);
    Range range = range(ctx);
    int limit =
        ctx.queryParamAsClass("limit", Integer.class)
            .check(
                n -> n == null || n >= 1 && n <= SearchRequest.MAX_LIMIT,
                "must be between 1 and " + SearchRequest.MAX_LIMIT)
            .getOrDefault(DEFAULT_LIMIT);
    String after =
        ctx.queryParamAsClass("after", String.class)
            .check(
                s -> s == null || s.length() <= MAX_CURSOR_CHARS, "longer than " + MAX_CURSOR_CHARS)
            .getOrDefault("");
    SearchPage page = search.search(new SearchRequest(query, range.from, range.to, limit, after));
    ctx.json(
        new SearchResponse(
            ApiTime.format(range.from),
            ApiTime.format(range.to),
            page.total(),
            page.hits().stream().map(HitJson::of).toList(),
            page.nextCursor().isEmpty() ? null : page.nextCursor()));
  }

  /** Counts in {@code buckets} (default 60) equal intervals. */
  public void histogram(Context ctx) {
    String query = query(ctx);
    Range range = range(ctx);
    int buckets =
        ctx.queryParamAsClass("buckets", Integer.class)
            .check(
                n -> n == null || n >= 1 && n <= HistogramRequest.MAX_BUCKETS,
                "must be between 1 and " + HistogramRequest.MAX_BUCKETS)
            .getOrDefault(DEFAULT_BUCKETS);
    var histogram = search.histogram(new HistogramRequest(query, range.from, range.to, buckets));
    ctx.json(HistogramResponse.of(ApiTime.format(range.from), ApiTime.format(range.to), histogram));
  }

  /** The {@code size} (default 10) most frequent values of {@code field} (required). */
  public void facets(Context ctx) {
    String query = query(ctx);
    Range range = range(ctx);
    String field =
        ctx.queryParamAsClass("field", String.class)
            .required()
            .check(
                f -> f == null || FIELD_NAME.matcher(f).matches(),
                "must match " + FIELD_NAME.pattern())
            .get();
    int size =
        ctx.queryParamAsClass("size", Integer.class)
            .check(
                n -> n == null || n >= 1 && n <= FacetRequest.MAX_SIZE,
                "must be between 1 and " + FacetRequest.MAX_SIZE)
            .getOrDefault(DEFAULT_FACET_SIZE);
    var facets = search.facets(new FacetRequest(query, range.from, range.to, field, size));
    ctx.json(FacetsResponse.of(ApiTime.format(range.from), ApiTime.format(range.to), facets));
  }

  private static String query(Context ctx) {
    return ctx.queryParamAsClass("q", String.class)
        .check(
            q -> q == null || q.length() <= MAX_QUERY_CHARS,
            "longer than " + MAX_QUERY_CHARS + " characters")
        .getOrDefault("");
  }

  private record Range(Instant from, Instant to) {}

  /**
   * Resolves {@code from} and {@code to} against one "now" per request, in milliseconds. Needs the
   * {@link TimeSpec} converter that {@code WebServer} registers ({@link TimeParser#parse}).
   */
  private Range range(Context ctx) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant to = ctx.queryParamAsClass("to", TimeSpec.class).getOrDefault(NOW).resolve(now);
    TimeSpec from =
        ctx.queryParamAsClass("from", TimeSpec.class)
            .check(
                f -> f == null || f.resolve(now).isBefore(to),
                "must be before to (" + ApiTime.format(to) + ")")
            .getOrNull();
    return new Range(from == null ? to.minus(DEFAULT_RANGE) : from.resolve(now), to);
  }
}
