package outpost.index;

import java.time.Instant;
import java.util.Objects;

/**
 * A search over [{@code from}, {@code to}).
 *
 * @param query Lucene query syntax; blank matches everything
 * @param from inclusive lower bound on the event timestamp
 * @param to exclusive upper bound on the event timestamp
 * @param limit page size, 1..{@link #MAX_LIMIT}
 * @param after opaque cursor from a previous {@link SearchPage#nextCursor()}, or empty
 */
public record SearchRequest(String query, Instant from, Instant to, int limit, String after) {
  public static final int MAX_LIMIT = 10_000;

  public SearchRequest {
    query = Objects.requireNonNullElse(query, "");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new QueryException("limit " + limit + " outside 1.." + MAX_LIMIT);
    }
    after = Objects.requireNonNullElse(after, "");
  }
}
