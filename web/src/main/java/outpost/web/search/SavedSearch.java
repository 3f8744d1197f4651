package outpost.web.search;

import java.time.Instant;
import java.util.Objects;

/**
 * A search a user named and kept: the search page's URL query string under a name. Immutable.
 *
 * @param id random, unguessable, unique in its store
 * @param name 1..{@value #MAX_NAME_CHARS} characters, not blank
 * @param state the search page's URL query string, at most {@value #MAX_STATE_CHARS} characters
 * @param owner the user who saved it
 * @param created when it was saved
 */
public record SavedSearch(String id, String name, String state, String owner, Instant created) {
  public static final int MAX_NAME_CHARS = 100;
  public static final int MAX_STATE_CHARS = 4096;

  public SavedSearch {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(created, "created");
    String problem = nameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException("name " + problem);
    }
    problem = stateProblem(state);
    if (problem != null) {
      throw new IllegalArgumentException("state " + problem);
    }
  }

  /** Why {@code name} is not acceptable, or null when it is. */
  public static String nameProblem(String name) {
    if (name == null || name.isBlank()) {
      return "must not be blank";
    }
    if (name.length() > MAX_NAME_CHARS) {
      return "has " + name.length() + " characters, more than " + MAX_NAME_CHARS;
    }
    return null;
  }

  /** Why {@code state} is not acceptable, or null when it is. */
  public static String stateProblem(String state) {
    if (state == null) {
      return "is required";
    }
    if (state.length() > MAX_STATE_CHARS) {
      return "has " + state.length() + " characters, more than " + MAX_STATE_CHARS;
    }
    return null;
  }
}
