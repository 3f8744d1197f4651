package outpost.ingest.transport.relp;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import outpost.index.LogEvent;
import outpost.index.LogSearch;
import outpost.index.SearchRequest;
import outpost.index.StoredEvent;
import outpost.index.Transport;

/**
 * A {@link JournaledLookup} that searches the store: one search per distinct millisecond of the
 * events' timestamps, restricted to RELP, comparing the raw text. The store replays its journal
 * before it opens, so after a crash every journaled message is found.
 *
 * <p>Thread-safe (the store's search is). Nothing to close.
 */
public final class StoreJournaledLookup implements JournaledLookup {
  private static final String QUERY = "transport:" + Transport.RELP.id();
  private static final Duration ONE_MILLI = Duration.ofMillis(1);

  /** Most result pages read for one millisecond (10,000 events each). */
  public static final int MAX_PAGES_PER_MILLI = 10;

  private final LogSearch search;

  public StoreJournaledLookup(LogSearch search) {
    this.search = Objects.requireNonNull(search, "search");
  }

  @Override
  public Set<Integer> journaled(List<LogEvent> events, Instant before) {
    Map<Instant, List<Integer>> byMilli = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      Instant milli = events.get(i).timestamp().truncatedTo(ChronoUnit.MILLIS);
      byMilli.computeIfAbsent(milli, k -> new ArrayList<>()).add(i);
    }
    Set<Integer> found = new HashSet<>();
    for (Map.Entry<Instant, List<Integer>> group : byMilli.entrySet()) {
      Set<String> stored = storedRaw(group.getKey(), before);
      for (int i : group.getValue()) {
        if (stored.contains(events.get(i).raw())) {
          found.add(i);
        }
      }
    }
    return found;
  }

  private Set<String> storedRaw(Instant milli, Instant before) {
    Set<String> raw = new HashSet<>();
    String cursor = "";
    int pages = 0;
    do {
      var page =
          search.search(
              new SearchRequest(
                  QUERY, milli, milli.plus(ONE_MILLI), SearchRequest.MAX_LIMIT, cursor));
      for (StoredEvent hit : page.hits()) {
        if (hit.event().received().isBefore(before)) {
          raw.add(hit.event().raw());
        }
      }
      cursor = page.nextCursor();
    } while (!cursor.isEmpty() && ++pages < MAX_PAGES_PER_MILLI);
    return raw;
  }
}
