package outpost.web.api;

import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.List;
import java.util.regex.Pattern;
import outpost.index.FacetRequest;
import outpost.index.FacetsRequest;
import outpost.index.Highlighter;
import outpost.index.HistogramRequest;
import outpost.index.LogSearch;
import outpost.index.SearchPage;
import outpost.index.SearchRequest;

/**
 * {@code GET /api/search}, {@code /api/histogram}, {@code /api/facets} and {@code /api/top-values}:
 * translates query parameters into index requests and results into JSON DTOs; no logic of its own.
 * Every endpoint takes {@code q} (Lucene syntax, blank matches all) and the range {@code from}
 * (inclusive) to {@code to} (exclusive) in the forms {@link TimeParser} accepts; {@code to}
 * defaults to now and {@code from} to 24 hours before {@code to}. Search hits carry the query's
 * highlights. Thread-safe.
 */
public final class SearchController {
  public static final int DEFAULT_LIMIT = 100;
  public static final int DEFAULT_BUCKETS = 60;
  public static final int DEFAULT_FACET_SIZE = 10;
  public static final int MAX_CURSOR_CHARS = 1024;

  static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,128}");

  private final LogSearch search;
  private final InstantSource clock;

  public SearchController(LogSearch search, InstantSource clock) {
    this.search = search;
    this.clock = clock;
  }

  /** Newest first, one page; {@code limit} (default 100) and {@code after} (a cursor). */
  public void search(Context ctx) {
    String query = Params.query(ctx);
    Params.Range range = Params.range(ctx, clock);
    int limit = Params.intParam(ctx, "limit", 1, SearchRequest.MAX_LIMIT, DEFAULT_LIMIT);
    String after =
        ctx.queryParamAsClass("after", String.class)
            .check(
                s -> s == null || s.length() <= MAX_CURSOR_CHARS, "longer than " + MAX_CURSOR_CHARS)
            .getOrDefault("");
    SearchPage page =
        search.search(new SearchRequest(query, range.from(), range.to(), limit, after));
    Highlighter highlighter = search.highlighter(query);
    ctx.json(
        new SearchResponse(
            ApiTime.format(range.from()),
            ApiTime.format(range.to()),
            page.total(),
            page.hits().stream().map(hit -> HitJson.of(hit, highlighter)).toList(),
            page.nextCursor().isEmpty() ? null : page.nextCursor()));
  }

  /** Counts in {@code buckets} (default 60) equal intervals. */
  public void histogram(Context ctx) {
    String query = Params.query(ctx);
    Params.Range range = Params.range(ctx, clock);
    int buckets = Params.intParam(ctx, "buckets", 1, HistogramRequest.MAX_BUCKETS, DEFAULT_BUCKETS);
    var histogram =
        search.histogram(new HistogramRequest(query, range.from(), range.to(), buckets));
    ctx.json(
        HistogramResponse.of(ApiTime.format(range.from()), ApiTime.format(range.to()), histogram));
  }

  /** The {@code size} (default 10) most frequent values of {@code field} (required). */
  public void facets(Context ctx) {
    String query = Params.query(ctx);
    Params.Range range = Params.range(ctx, clock);
    String field =
        ctx.queryParamAsClass("field", String.class)
            .required()
            .check(
                f -> f == null || FIELD_NAME.matcher(f).matches(),
                "must match " + FIELD_NAME.pattern())
            .get();
    int size = Params.intParam(ctx, "size", 1, FacetRequest.MAX_SIZE, DEFAULT_FACET_SIZE);
    var facets = search.facets(new FacetRequest(query, range.from(), range.to(), field, size));
    ctx.json(FacetsResponse.of(ApiTime.format(range.from()), ApiTime.format(range.to()), facets));
  }

  /**
   * The {@code size} (default 10) most frequent values of each {@code field} (repeated, 1..{@value
   * FacetsRequest#MAX_FIELDS}), counted in one pass over the matches.
   */
  public void topValues(Context ctx) {
    String query = Params.query(ctx);
    Params.Range range = Params.range(ctx, clock);
    List<String> fields = ctx.queryParams("field");
    if (fields.isEmpty() || fields.size() > FacetsRequest.MAX_FIELDS) {
      throw Params.invalid(
          "field",
          fields,
          fields.size() + " fields given, 1.." + FacetsRequest.MAX_FIELDS + " allowed");
    }
    for (String field : fields) {
      if (!FIELD_NAME.matcher(field).matches()) {
        throw Params.invalid("field", field, "must match " + FIELD_NAME.pattern());
      }
    }
    int size = Params.intParam(ctx, "size", 1, FacetRequest.MAX_SIZE, DEFAULT_FACET_SIZE);
    var all = search.facets(new FacetsRequest(query, range.from(), range.to(), fields, size));
    String from = ApiTime.format(range.from());
    String to = ApiTime.format(range.to());
    ctx.json(
        new TopValuesResponse(
            from, to, all.stream().map(f -> FacetsResponse.of(from, to, f)).toList()));
  }

  /** JSON body of {@code GET /api/top-values}: one {@link FacetsResponse} per field asked. */
  public record TopValuesResponse(String from, String to, List<FacetsResponse> facets) {
    public TopValuesResponse {
      facets = List.copyOf(facets);
    }
  }
}
