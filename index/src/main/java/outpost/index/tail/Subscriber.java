package outpost.index.tail;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.search.Query;
import outpost.index.StoredEvent;
import outpost.index.TailSubscription;

/**
 * One subscriber's bounded queue, filled by the hub thread and drained by {@link #poll}. Matches
 * beyond {@code capacity} are dropped and counted; so are events the hub had to skip while it was
 * behind (see {@link TailHub}), which count as matched and dropped for every subscriber.
 *
 * <p>Thread-safe. The subscriber closes it; closing removes it from the hub.
 */
final class Subscriber implements TailSubscription {
  private final TailHub hub;
  private final Query query;
  private final int capacity;
  private final long skippedAtStart;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private ArrayDeque<StoredEvent> queue = new ArrayDeque<>();
  private long matched;
  private long dropped;
  private boolean closed;
  private long skippedAtClose;

  Subscriber(TailHub hub, Query query, int capacity, long skippedAtStart) {
    this.hub = hub;
    this.query = query;
    this.capacity = capacity;
    this.skippedAtStart = skippedAtStart;
  }

  Query query() {
    return query;
  }

  /**
   * Queues what fits of {@code events} (matches of one batch, in order).
   *
   * @return how many were dropped because the queue was full
   */
  int offer(List<StoredEvent> events) {
    lock.lock();
    try {
      if (closed) {
        return 0;
      }
      matched += events.size();
      int room = Math.max(0, capacity - queue.size());
      int taken = Math.min(room, events.size());
      for (int i = 0; i < taken; i++) {
        queue.addLast(events.get(i));
      }
      dropped += events.size() - taken;
      if (taken > 0) {
        notEmpty.signalAll();
      }
      return events.size() - taken;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<StoredEvent> poll(int max, Duration wait) throws InterruptedException {
    if (max < 1) {
      throw new IllegalArgumentException("max " + max + " must be at least 1");
    }
    lock.lockInterruptibly();
    try {
      long nanos = wait.toNanos();
      while (queue.isEmpty() && !closed) {
        if (nanos <= 0) {
          return List.of();
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      int n = Math.min(max, queue.size());
      List<StoredEvent> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(queue.pollFirst());
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long matched() {
    lock.lock();
    try {
      return matched + skippedSinceStart();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long dropped() {
    lock.lock();
    try {
      return dropped + skippedSinceStart();
    } finally {
      lock.unlock();
    }
  }

  private long skippedSinceStart() {
    return (closed ? skippedAtClose : hub.skippedEvents()) - skippedAtStart;
  }

  boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      skippedAtClose = hub.skippedEvents();
      queue = new ArrayDeque<>(0); // frees what a slow reader had queued
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
    hub.remove(this);
  }
}
