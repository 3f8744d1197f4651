package outpost.web.api;

import java.util.List;

/**
 * JSON body of {@code GET /api/search}.
 *
 * @param from the range searched, inclusive (ISO-8601 UTC)
 * @param to the range searched, exclusive
 * @param next cursor for the following page ({@code after=}); null on the last page
 */
public record SearchResponse(String from, String to, long total, List<HitJson> hits, String next) {
  public SearchResponse {
    hits = List.copyOf(hits);
  }
}
