package outpost.index;

/**
 * Live tail: events matching a query, delivered as soon as they are accepted (journaled), before
 * they are searchable. Thread-safe.
 */
public interface LogTail {
  /** Most events one subscription may hold; beyond, new matches are dropped and counted. */
  int MAX_CAPACITY = 100_000;

  /**
   * Subscribes to accepted events matching {@code query} (blank matches all).
   *
   * @param capacity events held for this subscriber until it polls, 1..{@link #MAX_CAPACITY}
   * @throws QueryException when the query does not parse or capacity is out of range
   */
  TailSubscription subscribe(String query, int capacity);
}
