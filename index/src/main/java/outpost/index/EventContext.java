package outpost.index;

import java.util.List;

/**
 * One event and its neighbours from the same host.
 *
 * @param anchor the requested event
 * @param before up to the requested number of earlier events, oldest first
 * @param after up to the requested number of later events, oldest first
 */
public record EventContext(StoredEvent anchor, List<StoredEvent> before, List<StoredEvent> after) {
  public EventContext {
    java.util.Objects.requireNonNull(anchor, "anchor");
    before = List.copyOf(before);
    after = List.copyOf(after);
  }
}
