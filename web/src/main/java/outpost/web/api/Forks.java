package outpost.web.api;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs the independent store calls of one response at the same time, one virtual thread each, so
 * the response takes as long as the slowest call rather than their sum. Used by one request thread;
 * {@link #close()} waits for every call still running (they are not interrupted: an interrupt would
 * close Lucene's file channels).
 */
final class Forks implements AutoCloseable {
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  /** Starts {@code call} on its own virtual thread. */
  <T> Future<T> fork(Supplier<T> call) {
    return executor.submit(call::get);
  }

  /**
   * The result of a forked call, waiting for it; rethrows what the call threw (so a {@code
   * QueryException} still becomes a 400).
   */
  static <T> T join(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the store", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  @Override
  public void close() {
    executor.close();
  }
}
