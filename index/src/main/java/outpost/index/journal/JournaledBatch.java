package outpost.index.journal;

import java.util.List;
import outpost.index.LogEvent;

/**
 * A batch as written to the journal: event {@code i} has sequence number {@code firstSeq + i}.
 * Immutable.
 */
public record JournaledBatch(long firstSeq, List<LogEvent> events) {
  public JournaledBatch {
    events = List.copyOf(events);
  }

  /** Sequence number of the last event. */
  public long lastSeq() {
    return firstSeq + events.size() - 1;
  }
}
