package outpost.web.api;

import java.util.List;
import outpost.index.Facets;

/**
 * JSON body of {@code GET /api/facets}: the most frequent values of one field.
 *
 * @param total events matching the query in the range
 * @param missing matching events without the field
 */
public record FacetsResponse(
    String from, String to, String field, long total, long missing, List<ValueJson> values) {
  public FacetsResponse {
    values = List.copyOf(values);
  }

  /** One value and how many matching events have it. */
  public record ValueJson(String value, long count) {}

  static FacetsResponse of(String from, String to, Facets facets) {
    return new FacetsResponse(
        from,
        to,
        facets.field(),
        facets.total(),
        facets.missing(),
        facets.values().stream().map(v -> new ValueJson(v.value(), v.count())).toList());
  }
}
