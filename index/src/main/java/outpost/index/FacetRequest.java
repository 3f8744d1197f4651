package outpost.index;

import java.time.Instant;
import java.util.Objects;

/** Top {@code size} values of {@code field} among events matching the query in the range. */
public record FacetRequest(String query, Instant from, Instant to, String field, int size) {
  public static final int MAX_SIZE = 1_000;

  public FacetRequest {
    query = Objects.requireNonNullElse(query, "");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (field == null || field.isBlank()) {
      throw new QueryException("field is required");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new QueryException("size " + size + " outside 1.." + MAX_SIZE);
    }
  }
}
