package outpost.ingest;

import java.util.Locale;

/**
 * Why ingest lost a message after receiving it; the fixed value set of the {@code reason} tag of
 * {@link IngestMetrics#DROPPED}.
 */
public enum DropReason {
  /** The store had no room (UDP cannot push back, so the batch is dropped). */
  BACKPRESSURE,
  /** The store accepted the batch but its journal write failed. */
  JOURNAL_ERROR,
  /** The {@link EventDecoder} threw although its contract says it never does. */
  DECODER_ERROR,
  /** The receiver shut down while it still held a batch the store had refused. */
  SHUTDOWN;

  /** Lower-case tag value, e.g. {@code journal_error}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
