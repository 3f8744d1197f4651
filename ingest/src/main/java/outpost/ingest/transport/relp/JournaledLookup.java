package outpost.ingest.transport.relp;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import outpost.index.LogEvent;

/**
 * Finds which of a RELP session's first messages the store already holds from an earlier session:
 * what a sender resends after Outpost was killed between journaling a message and acknowledging it.
 * Implementations may block (they search the store) and are thread-safe.
 */
@FunctionalInterface
public interface JournaledLookup {

  /**
   * @param events parsed events of one new session, in arrival order
   * @param before only stored events received before this instant count (the session's start), so a
   *     session never matches its own messages
   * @return the indexes into {@code events} of those already stored
   */
  Set<Integer> journaled(List<LogEvent> events, Instant before);
}
