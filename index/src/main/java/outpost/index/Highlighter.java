package outpost.index;

import java.util.List;

/**
 * Finds where a query matched inside one event's values, for highlighting. Built per query by
 * {@link LogSearch#highlighter}; thread-safe.
 */
public interface Highlighter {

  /**
   * The stretches of {@code value} that the query's terms on {@code field} match, as UTF-16 offsets
   * (what JavaScript strings index), sorted and not overlapping; empty when none.
   */
  List<Span> spans(String field, String value);

  /** {@code value.substring(start, end)} matched. */
  record Span(int start, int end) {
    public Span {
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("span " + start + ".." + end);
      }
    }
  }
}
