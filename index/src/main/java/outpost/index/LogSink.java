package outpost.index;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where ingest hands parsed events. Implementations are thread-safe and never block the caller
 * (callers are Netty event loops).
 */
public interface LogSink {

  /**
   * Offers a batch without blocking.
   *
   * @return a future that completes once the whole batch is durable (journaled and fsynced): from
   *     then on it survives a crash. Completes exceptionally if the journal write failed. Returns
   *     {@code null} when the store has no room right now: the caller keeps the batch, stops
   *     reading (TCP) or counts a drop (UDP), and may retry after {@link #whenWritable}.
   */
  CompletableFuture<Void> tryAppend(List<LogEvent> batch);

  /**
   * Runs {@code callback} once, on a store thread, as soon as {@link #tryAppend} has room again
   * (immediately if it has room now). The callback must not block.
   */
  void whenWritable(Runnable callback);
}
