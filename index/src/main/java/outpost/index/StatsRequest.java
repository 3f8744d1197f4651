package outpost.index;

import java.time.Instant;
import java.util.Objects;

/** Count, sum, min and max of a numeric field over events matching the query in [from, to). */
public record StatsRequest(String query, Instant from, Instant to, String field) {
  public StatsRequest {
    query = Objects.requireNonNullElse(query, "");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (field == null || field.isBlank()) {
      throw new QueryException("field is required");
    }
  }
}
