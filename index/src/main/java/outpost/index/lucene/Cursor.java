package outpost.index.lucene;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import outpost.index.QueryException;

/**
 * Position after the last hit of a page: its indexed time and id, encoded as an opaque URL-safe
 * string. Immutable.
 */
public record Cursor(long millis, long id) {
  private static final String PREFIX = "c1:";

  /** The cursor of a hit sorted by {@link IndexFields#NEWEST_FIRST}. */
  public static Cursor of(FieldDoc hit) {
    return new Cursor((Long) hit.fields[0], (Long) hit.fields[1]);
  }

  /**
   * Decodes {@link #encode()} output; empty gives null.
   *
   * @throws QueryException when {@code text} is not a cursor
   */
  public static Cursor decode(String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
      if (!s.startsWith(PREFIX)) {
        throw new QueryException("invalid cursor '" + text + "'");
      }
      int colon = s.indexOf(':', PREFIX.length());
      return new Cursor(
          Long.parseLong(s.substring(PREFIX.length(), colon)),
          Long.parseLong(s.substring(colon + 1)));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new QueryException("invalid cursor '" + text + "'", e);
    }
  }

  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + millis + ":" + id).getBytes(StandardCharsets.US_ASCII));
  }

  /** As a search-after position; the doc id excludes the hit itself on equal sort values. */
  public FieldDoc toFieldDoc() {
    return new FieldDoc(Integer.MAX_VALUE, Float.NaN, new Object[] {millis, id});
  }
}
