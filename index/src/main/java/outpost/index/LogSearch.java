package outpost.index;

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
}
