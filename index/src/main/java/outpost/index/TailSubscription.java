package outpost.index;

import java.time.Duration;
import java.util.List;

/**
 * One live-tail subscriber's bounded queue of matching events. A slow reader never holds more than
 * its capacity: newer matches are dropped and counted instead. Thread-safe; whoever subscribed
 * closes it (safe twice).
 */
public interface TailSubscription extends AutoCloseable {

  /**
   * Waits up to {@code wait} for a match, then returns up to {@code max} queued events in arrival
   * order (empty on timeout or once closed).
   */
  List<StoredEvent> poll(int max, Duration wait) throws InterruptedException;

  /** Events that matched since subscribing, delivered or not. */
  long matched();

  /** Matches dropped because the queue was full (or the hub fell behind) since subscribing. */
  long dropped();

  /** Stops delivery and frees the queue. */
  @Override
  void close();
}
