package outpost.web.tail;

import java.util.List;
import outpost.web.api.HitJson;

/**
 * The data of one {@code hits} or {@code stats} event of {@code /api/tail}.
 *
 * @param hits new matches, oldest first (empty in {@code stats})
 * @param matched matches since the stream opened, delivered or not
 * @param dropped matches dropped since the stream opened because the reader fell behind
 * @param rate matches per second over the last 5 seconds
 */
public record TailEventJson(List<HitJson> hits, long matched, long dropped, double rate) {
  public TailEventJson {
    hits = List.copyOf(hits);
  }
}
