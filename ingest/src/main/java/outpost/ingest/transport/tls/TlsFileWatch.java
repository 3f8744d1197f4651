package outpost.ingest.transport.tls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.ingest.IngestMetrics;

/**
 * Watches one listener's TLS files: {@link #reload()} checks them now, {@link #start} checks them
 * every interval on a daemon thread of its own (file reads never run on an event loop). Every
 * reload is counted in {@link IngestMetrics#TLS_RELOADS}; a failed check is logged and tried again
 * next time, the old context staying in use.
 *
 * <p>Thread-safe. The receiver that owns the context closes it.
 */
public final class TlsFileWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TlsFileWatch.class);

  private final SyslogTlsContext context;
  private final String listener;
  private final Counter reloads;
  private ScheduledExecutorService timer;
  private boolean closed;

  /**
   * @param listener names the listener in the log and the thread, e.g. {@code syslog-tls}
   */
  public TlsFileWatch(SyslogTlsContext context, String listener, MeterRegistry registry) {
    this.context = context;
    this.listener = listener;
    this.reloads =
        Counter.builder(IngestMetrics.TLS_RELOADS)
            .description("TLS contexts reloaded after their files changed")
            .register(registry);
  }

  /** Checks every {@code interval} from now on; zero or negative: never (only {@link #reload}). */
  public synchronized void start(Duration interval) {
    long every = interval.toMillis();
    if (closed || timer != null || every <= 0) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("outpost-" + listener + "-reload", true));
    timer.scheduleWithFixedDelay(this::reload, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Checks the files now and reloads the context when one changed. Blocks on file reads: never call
   * on an event loop.
   *
   * @return true when new connections now use a new context
   */
  public boolean reload() {
    try {
      boolean reloaded = context.reloadIfChanged();
      if (reloaded) {
        reloads.increment();
      }
      return reloaded;
    } catch (RuntimeException e) {
      // the periodic check must survive anything and try again next time
      LOG.error("Checking the {} TLS files for changes failed", listener, e);
      return false;
    }
  }

  /** Stops the periodic check (safe twice). */
  @Override
  public synchronized void close() {
    closed = true;
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
