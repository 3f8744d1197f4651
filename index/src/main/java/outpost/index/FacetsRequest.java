package outpost.index;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Top {@code size} values of each of several fields among events matching the query in [from, to),
 * counted together (one pass over the matches instead of one per field).
 */
public record FacetsRequest(String query, Instant from, Instant to, List<String> fields, int size) {
  /** At most this many fields per request. */
  public static final int MAX_FIELDS = 20;

  public FacetsRequest {
    query = Objects.requireNonNullElse(query, "");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    fields = List.copyOf(fields);
    if (fields.isEmpty() || fields.size() > MAX_FIELDS) {
      throw new QueryException(fields.size() + " fields outside 1.." + MAX_FIELDS);
    }
    if (fields.stream().anyMatch(String::isBlank)
        || fields.stream().distinct().count() < fields.size()) {
      throw new QueryException("fields must be distinct and not blank: " + fields);
    }
    if (size < 1 || size > FacetRequest.MAX_SIZE) {
      throw new QueryException("size " + size + " outside 1.." + FacetRequest.MAX_SIZE);
    }
  }

  /** The request for one of the fields alone. */
  public FacetRequest single(String field) {
    return new FacetRequest(query, from, to, field, size);
  }
}
