package outpost.index;

import java.util.List;

/**
 * One page of search results.
 *
 * @param total number of events matching the query in the time range (exact)
 * @param hits this page, newest first
 * @param nextCursor pass as {@link SearchRequest#after()} for the next page; empty when there is
 *     none
 */
public record SearchPage(long total, List<StoredEvent> hits, String nextCursor) {
  public SearchPage {
    hits = List.copyOf(hits);
    nextCursor = nextCursor == null ? "" : nextCursor;
  }
}
