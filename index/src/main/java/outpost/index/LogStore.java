package outpost.index;

/**
 * The store: where ingest appends and the API searches and tails. Implementations are thread-safe;
 * the component that opened one closes it.
 */
public interface LogStore extends LogSink, LogSearch, LogTail, AutoCloseable {

  /** Every sender seen in the logs. */
  HostDirectory hosts();

  /** A snapshot for {@code /health}. */
  StoreStatus status();

  /** Flushes and commits everything, then releases files and threads. Safe to call twice. */
  @Override
  void close() throws java.io.IOException;
}
