package outpost.index;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Bounds how far indexing may fall behind the journal. The indexer reads the journal back when it
 * lags, so acceptance runs at journal speed; past {@link #MAX_UNINDEXED_EVENTS} durable events not
 * yet indexed, {@link #over} makes the store refuse appends until the indexer catches up, and
 * {@link #whenWritable} callbacks wait for that.
 *
 * <p>Thread-safe: any thread calls {@link #over} and {@link #whenWritable}; the indexer calls
 * {@link #wakeIfBelowLimit} after each batch.
 */
final class IndexLagLimit {
  /** Durable events not yet indexed beyond which appends are refused (~1 GiB of journal). */
  static final long MAX_UNINDEXED_EVENTS = 4_000_000;

  private final LongSupplier journaledSeq;
  private final LongSupplier indexedSeq;
  private final long limit;
  private final Consumer<Runnable> whenJournalWritable;
  private final ConcurrentLinkedQueue<Runnable> waiters = new ConcurrentLinkedQueue<>();

  IndexLagLimit(
      LongSupplier journaledSeq,
      LongSupplier indexedSeq,
      long limit,
      Consumer<Runnable> whenJournalWritable) {
    this.journaledSeq = journaledSeq;
    this.indexedSeq = indexedSeq;
    this.limit = limit;
    this.whenJournalWritable = whenJournalWritable;
  }

  /** Whether more than the limit of durable events wait for the indexer. */
  boolean over() {
    return journaledSeq.getAsLong() - indexedSeq.getAsLong() > limit;
  }

  /** Passes {@code callback} on to the journal once the lag is below the limit. */
  void whenWritable(Runnable callback) {
    if (!over()) {
      whenJournalWritable.accept(callback);
      return;
    }
    waiters.add(callback);
    wakeIfBelowLimit(); // the indexer may have caught up between the check and the add
  }

  /** Hands the waiting callbacks on if the lag dropped below the limit. */
  void wakeIfBelowLimit() {
    if (waiters.isEmpty() || over()) {
      return;
    }
    Runnable r;
    while ((r = waiters.poll()) != null) {
      whenJournalWritable.accept(r);
    }
  }
}
