package outpost.index;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Read side of the store: search, histogram and top values over a time range. Thread-safe. Queries
 * are in Lucene syntax; a query that does not parse throws {@link QueryException}.
 */
public interface LogSearch {

  /** Newest first; {@link SearchRequest#after()} continues a previous page. */
  SearchPage search(SearchRequest request);

  /** Counts per equal-width time bucket, from doc values. */
  Histogram histogram(HistogramRequest request);

  /** Most frequent values of one field with their counts, from doc values. */
  Facets facets(FacetRequest request);

  /**
   * Most frequent values of each field, in the order asked. This default asks field by field;
   * stores that can count all fields in one pass over the matches override it.
   */
  default List<Facets> facets(FacetsRequest request) {
    return request.fields().stream().map(f -> facets(request.single(f))).toList();
  }

  /**
   * The event and its neighbours from the same host; empty when no event has that id near its
   * timestamp (deleted by retention, or a wrong id).
   */
  Optional<EventContext> context(ContextRequest request);

  /**
   * Count, sum, min and max of a numeric field ({@link Schema#NUMERIC_FIELDS}).
   *
   * @throws QueryException when the field is not numeric
   */
  FieldStats stats(StatsRequest request);

  /**
   * Matching events with the highest values of a numeric field, highest first (ties newest first).
   *
   * @throws QueryException when the field is not numeric
   */
  List<StoredEvent> top(TopRequest request);

  /** Every field that holds values in the partitions overlapping [from, to), sorted by name. */
  List<FieldName> fields(Instant from, Instant to);

  /** Highlights the terms of {@code query} (same syntax as search; blank highlights nothing). */
  Highlighter highlighter(String query);
}
