package outpost.ingest.transport;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.LogEvent;
import outpost.index.LogSink;
import outpost.ingest.DropReason;
import outpost.ingest.IngestMetrics;

/**
 * Offers batches to the {@link LogSink} and counts the outcome: accepted once the store confirms
 * the batch durable, dropped with {@link DropReason#JOURNAL_ERROR} when the journal write fails.
 * Never blocks.
 *
 * <p>Thread-safe; shared by all channels of one transport. Nothing to close.
 */
public final class MeteredSink {
  private static final Logger LOG = LoggerFactory.getLogger(MeteredSink.class);

  private final LogSink sink;
  private final IngestMetrics metrics;

  public MeteredSink(LogSink sink, IngestMetrics metrics) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Offers {@code batch} to the store without blocking.
   *
   * @return true when the store took the batch (the caller must not reuse the list); false when the
   *     store is full and the caller still owns the batch
   */
  public boolean tryAppend(List<LogEvent> batch) {
    return tryAppendDurable(batch) != null;
  }

  /**
   * Offers {@code batch} to the store without blocking, for transports that acknowledge delivery.
   *
   * @return the store's future (completes once the batch is journaled, exceptionally when the write
   *     failed; already counted here), or null when the store is full and the caller still owns the
   *     batch
   */
  public CompletableFuture<Void> tryAppendDurable(List<LogEvent> batch) {
    CompletableFuture<Void> durable = sink.tryAppend(batch);
    if (durable == null) {
      return null;
    }
    int size = batch.size();
    durable.whenComplete(
        (ignored, failure) -> {
          if (failure == null) {
            metrics.accepted().increment(size);
          } else {
            metrics.dropped(DropReason.JOURNAL_ERROR).increment(size);
            LOG.error(
                "Store failed to journal a batch of {} {} messages; they are lost",
                size,
                metrics.transport().id(),
                failure);
          }
        });
    return durable;
  }

  /** Runs {@code callback} once, on a store thread, when the store has room again. */
  public void whenWritable(Runnable callback) {
    sink.whenWritable(callback);
  }

  /** Counts {@code count} messages lost for {@code reason}. */
  public void drop(int count, DropReason reason) {
    metrics.dropped(reason).increment(count);
  }
}
