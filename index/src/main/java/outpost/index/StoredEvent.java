package outpost.index;

import java.util.Objects;

/**
 * An event as read back from the store.
 *
 * @param id the store-wide unique, increasing sequence number assigned when it was journaled
 * @param event the event
 */
public record StoredEvent(long id, LogEvent event) {
  public StoredEvent {
    Objects.requireNonNull(event, "event");
  }
}
