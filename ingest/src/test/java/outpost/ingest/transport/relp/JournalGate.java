package outpost.ingest.transport.relp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import outpost.index.LogEvent;
import outpost.index.LogSink;

/**
 * A store whose journal writes complete when the test says so: batches are taken at once, their
 * futures stay pending until {@link #journal(int)} or {@link #fail(int)}. Can be made full.
 * Thread-safe.
 */
final class JournalGate implements LogSink {
  private final List<List<LogEvent>> batches = new ArrayList<>();
  private final List<CompletableFuture<Void>> pending = new ArrayList<>();
  private final List<Runnable> writable = new ArrayList<>();
  private boolean full;

  @Override
  public synchronized CompletableFuture<Void> tryAppend(List<LogEvent> batch) {
    if (full) {
      return null;
    }
    batches.add(List.copyOf(batch));
    CompletableFuture<Void> f = new CompletableFuture<>();
    pending.add(f);
    return f;
  }

  @Override
  public void whenWritable(Runnable callback) {
    synchronized (this) {
      if (full) {
        writable.add(callback);
        return;
      }
    }
    callback.run();
  }

  /** Completes the journal write of batch {@code index}. */
  void journal(int index) {
    future(index).complete(null);
  }

  /** Completes every batch taken so far. */
  void journalAll() {
    List<CompletableFuture<Void>> all;
    synchronized (this) {
      all = List.copyOf(pending);
    }
    all.forEach(f -> f.complete(null));
  }

  /** Fails the journal write of batch {@code index}. */
  void fail(int index) {
    future(index).completeExceptionally(new java.io.IOException("disk gone"));
  }

  void full(boolean nowFull) {
    List<Runnable> due;
    synchronized (this) {
      full = nowFull;
      if (nowFull) {
        return;
      }
      due = List.copyOf(writable);
      writable.clear();
    }
    due.forEach(Runnable::run);
  }

  synchronized List<List<LogEvent>> batches() {
    return List.copyOf(batches);
  }

  synchronized List<String> messages() {
    return batches.stream().flatMap(List::stream).map(LogEvent::message).toList();
  }

  private synchronized CompletableFuture<Void> future(int index) {
    return pending.get(index);
  }
}
