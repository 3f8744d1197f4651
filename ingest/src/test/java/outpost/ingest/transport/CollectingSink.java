package outpost.ingest.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import outpost.index.LogEvent;
import outpost.index.LogSink;

/**
 * A store that keeps what it is given. It can be switched to "full" (refuses batches until switched
 * back, then runs the writable callbacks) and to "failing" (accepts batches but fails their journal
 * write). Thread-safe.
 */
public final class CollectingSink implements LogSink {
  private final List<LogEvent> events = Collections.synchronizedList(new ArrayList<>());
  private final List<Runnable> writableCallbacks = new ArrayList<>();
  private final AtomicInteger refusals = new AtomicInteger();
  private boolean full;
  private volatile boolean failing;

  @Override
  public CompletableFuture<Void> tryAppend(List<LogEvent> batch) {
    synchronized (this) {
      if (full) {
        refusals.incrementAndGet();
        return null;
      }
    }
    if (failing) {
      return CompletableFuture.failedFuture(new java.io.IOException("journal disk failed"));
    }
    events.addAll(batch);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void whenWritable(Runnable callback) {
    synchronized (this) {
      if (full) {
        writableCallbacks.add(callback);
        return;
      }
    }
    callback.run();
  }

  /** Refuses every batch from now on (true) or takes them again and runs the callbacks (false). */
  public void full(boolean nowFull) {
    List<Runnable> due;
    synchronized (this) {
      full = nowFull;
      if (nowFull) {
        return;
      }
      due = List.copyOf(writableCallbacks);
      writableCallbacks.clear();
    }
    // run outside the lock and off any event loop, as a store thread would
    due.forEach(Runnable::run);
  }

  /** Makes every accepted batch fail its journal write. */
  public void failing(boolean nowFailing) {
    failing = nowFailing;
  }

  public List<LogEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** How many events it holds. */
  public int size() {
    return events.size();
  }

  public List<String> messages() {
    return events().stream().map(LogEvent::message).toList();
  }

  /** How many batches were refused because the sink was full. */
  public int refusals() {
    return refusals.get();
  }
}
