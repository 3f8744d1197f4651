package outpost.index;

import java.time.Instant;
import java.util.Objects;

/** The {@code limit} matching events with the highest values of a numeric field. */
public record TopRequest(String query, Instant from, Instant to, String field, int limit) {
  public static final int MAX_LIMIT = 1_000;

  public TopRequest {
    query = Objects.requireNonNullElse(query, "");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (field == null || field.isBlank()) {
      throw new QueryException("field is required");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new QueryException("limit " + limit + " outside 1.." + MAX_LIMIT);
    }
  }
}
