package outpost.index.journal;

import java.util.List;
import java.util.Objects;
import outpost.index.LogEvent;

/**
 * A batch as written to the journal: event {@code i} has sequence number {@code firstSeq + i}.
 * Immutable (the arrays are never written after construction).
 *
 * @param encoded the events' {@link EventCodec} encodings, so the indexer can store them without
 *     encoding again; null when not at hand
 * @param offsets with {@code encoded}: event {@code i} is {@code encoded[offsets[i],
 *     offsets[i+1])}, so it has {@code events.size() + 1} entries
 */
public record JournaledBatch(long firstSeq, List<LogEvent> events, byte[] encoded, int[] offsets) {
  public JournaledBatch {
    events = List.copyOf(events);
    if (encoded != null) {
      Objects.requireNonNull(offsets, "offsets");
      if (offsets.length != events.size() + 1) {
        throw new IllegalArgumentException(
            offsets.length + " offsets for " + events.size() + " events");
      }
    }
  }

  /** A batch without its encodings. */
  public JournaledBatch(long firstSeq, List<LogEvent> events) {
    this(firstSeq, events, null, null);
  }

  /** Sequence number of the last event. */
  public long lastSeq() {
    return firstSeq + events.size() - 1;
  }
}
