package outpost.web.api;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import outpost.index.ContextRequest;
import outpost.index.EventContext;
import outpost.index.LogSearch;

/**
 * The search page's extras: {@code GET /api/fields} (field names for autocomplete) and {@code GET
 * /api/events/{id}} (one event with its neighbours from the same host). Translation only.
 * Thread-safe.
 */
public final class EventsController {
  public static final int DEFAULT_CONTEXT = 50;

  private final LogSearch search;
  private final InstantSource clock;

  public EventsController(LogSearch search, InstantSource clock) {
    this.search = search;
    this.clock = clock;
  }

  /** {@code {"fields":[{"name","type"}]}} for the partitions overlapping {@code from..to}. */
  public void fields(Context ctx) {
    Params.Range range = Params.range(ctx, clock);
    List<FieldJson> fields =
        search.fields(range.from(), range.to()).stream()
            .map(f -> new FieldJson(f.name(), f.type()))
            .toList();
    ctx.json(new FieldsResponse(fields));
  }

  /**
   * {@code {"anchor":hit,"before":[..],"after":[..]}}; {@code t} (the hit's timestamp) is required,
   * {@code before}/{@code after} 0..1000 (default 50), {@code same_app} (default false).
   */
  public void context(Context ctx) {
    long id =
        ctx.pathParamAsClass("id", Long.class).check(n -> n >= 0, "must not be negative").get();
    Instant timestamp =
        ctx.queryParamAsClass("t", TimeSpec.class)
            .required()
            .get()
            .resolve(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    int before = Params.intParam(ctx, "before", 0, ContextRequest.MAX_EVENTS, DEFAULT_CONTEXT);
    int after = Params.intParam(ctx, "after", 0, ContextRequest.MAX_EVENTS, DEFAULT_CONTEXT);
    boolean sameApp =
        "true"
            .equals(
                ctx.queryParamAsClass("same_app", String.class)
                    .check(
                        s -> s == null || s.equals("true") || s.equals("false"),
                        "must be true or false")
                    .getOrNull());
    EventContext found =
        search
            .context(new ContextRequest(id, timestamp, before, after, sameApp))
            .orElseThrow(
                () ->
                    new NotFoundResponse(
                        "event " + id + " not found near " + ApiTime.format(timestamp)));
    ctx.json(
        new ContextResponse(
            HitJson.of(found.anchor()),
            found.before().stream().map(HitJson::of).toList(),
            found.after().stream().map(HitJson::of).toList()));
  }

  /**
   * One searchable field: {@code type} is {@code time}, {@code text}, {@code keyword} or {@code
   * numeric}.
   */
  public record FieldJson(String name, String type) {}

  /** JSON body of {@code GET /api/fields}. */
  public record FieldsResponse(List<FieldJson> fields) {
    public FieldsResponse {
      fields = List.copyOf(fields);
    }
  }

  /** JSON body of {@code GET /api/events/{id}}: before and after oldest first. */
  public record ContextResponse(HitJson anchor, List<HitJson> before, List<HitJson> after) {
    public ContextResponse {
      before = List.copyOf(before);
      after = List.copyOf(after);
    }
  }
}
