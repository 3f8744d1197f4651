package outpost.web;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import outpost.index.LogEvent;
import outpost.index.LogTail;
import outpost.index.QueryException;
import outpost.index.StoredEvent;
import outpost.index.TailSubscription;

/**
 * An in-memory {@link LogTail}: {@link #publish} hands an event to every open subscription whose
 * query ({@link FakeQuery}) matches it, each holding at most its capacity and dropping (and
 * counting) the rest. Keeps every subscription, so tests can see them closed. Thread-safe.
 */
final class FakeLogTail implements LogTail {
  final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  @Override
  public TailSubscription subscribe(String query, int capacity) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new QueryException("capacity " + capacity + " outside 1.." + MAX_CAPACITY);
    }
    Subscription s = new Subscription(FakeQuery.parse(query), capacity);
    subscriptions.add(s);
    return s;
  }

  void publish(long id, LogEvent event) {
    StoredEvent stored = new StoredEvent(id, event);
    subscriptions.forEach(s -> s.offer(stored));
  }

  long openSubscriptions() {
    return subscriptions.stream().filter(s -> !s.closed()).count();
  }

  /** One subscriber's bounded queue. */
  static final class Subscription implements TailSubscription {
    private final FakeQuery query;
    final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<StoredEvent> queue = new ArrayDeque<>();
    private long matched;
    private long dropped;
    private boolean closed;

    Subscription(FakeQuery query, int capacity) {
      this.query = query;
      this.capacity = capacity;
    }

    void offer(StoredEvent e) {
      if (!query.matches(e)) {
        return;
      }
      lock.lock();
      try {
        if (closed) {
          return;
        }
        matched++;
        if (queue.size() >= capacity) {
          dropped++;
        } else {
          queue.add(e);
          arrived.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }

    @Override
    public List<StoredEvent> poll(int max, Duration wait) throws InterruptedException {
      long nanos = wait.toNanos();
      lock.lock();
      try {
        while (queue.isEmpty() && !closed && nanos > 0) {
          nanos = arrived.awaitNanos(nanos);
        }
        List<StoredEvent> out = new ArrayList<>();
        while (!closed && out.size() < max && !queue.isEmpty()) {
          out.add(queue.poll());
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
        return matched;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public long dropped() {
      lock.lock();
      try {
        return dropped;
      } finally {
        lock.unlock();
      }
    }

    boolean closed() {
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
        closed = true;
        queue.clear();
        arrived.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
