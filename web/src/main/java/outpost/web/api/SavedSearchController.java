package outpost.web.api;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.function.Predicate;
import outpost.web.search.SavedSearch;
import outpost.web.search.SavedSearchStore;

/**
 * {@code GET/POST /api/saved-searches} and {@code DELETE /api/saved-searches/{id}}: every user sees
 * all saved searches; only the owner or an admin deletes one. Translation only. Thread-safe.
 */
public final class SavedSearchController {
  private final SavedSearchStore store;
  private final Predicate<String> isAdmin;

  /**
   * @param isAdmin whether the named user is an administrator (may delete anyone's searches)
   */
  public SavedSearchController(SavedSearchStore store, Predicate<String> isAdmin) {
    this.store = store;
    this.isAdmin = isAdmin;
  }

  /** {@code {"searches":[{"id","name","state","owner","created"}]}}, oldest first. */
  public void list(Context ctx) {
    ctx.json(new ListResponse(store.list().stream().map(SavedSearchJson::of).toList()));
  }

  /** Body {@code {"name","state"}} -> 201 with the saved search; 409 when the store is full. */
  public void create(Context ctx) {
    CreateRequest body = ctx.bodyValidator(CreateRequest.class).get();
    String nameProblem = SavedSearch.nameProblem(body.name());
    if (nameProblem != null) {
      throw Params.invalid("name", body.name(), nameProblem);
    }
    String stateProblem = SavedSearch.stateProblem(body.state());
    if (stateProblem != null) {
      throw Params.invalid("state", body.state(), stateProblem);
    }
    SavedSearch saved;
    try {
      saved = store.add(body.name(), body.state(), Params.user(ctx));
    } catch (SavedSearchStore.LimitReached e) {
      throw new HttpResponseException(HttpStatus.CONFLICT.getCode(), e.getMessage());
    }
    ctx.status(HttpStatus.CREATED).json(SavedSearchJson.of(saved));
  }

  /** 204; 404 when unknown; 403 unless the caller owns it or is an admin. */
  public void delete(Context ctx) {
    String id = ctx.pathParam("id");
    SavedSearch saved =
        store.get(id).orElseThrow(() -> new NotFoundResponse("no saved search with this id"));
    String user = Params.user(ctx);
    if (!saved.owner().equals(user) && !isAdmin.test(user)) {
      throw new ForbiddenResponse("only its owner or an admin may delete a saved search");
    }
    store.delete(id);
    ctx.status(HttpStatus.NO_CONTENT);
  }

  /** Body of {@code POST /api/saved-searches}. */
  public record CreateRequest(String name, String state) {}

  /** One saved search as JSON. */
  public record SavedSearchJson(
      String id, String name, String state, String owner, String created) {
    static SavedSearchJson of(SavedSearch s) {
      return new SavedSearchJson(
          s.id(), s.name(), s.state(), s.owner(), ApiTime.format(s.created()));
    }
  }

  /** JSON body of {@code GET /api/saved-searches}. */
  public record ListResponse(List<SavedSearchJson> searches) {
    public ListResponse {
      searches = List.copyOf(searches);
    }
  }
}
