package outpost.agents;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;

/**
 * Moves messages from the reading thread to the server without ever making the reader wait for the
 * network. Messages go into a bounded in-memory queue; when it is full, or the server is
 * unreachable, they go to the {@link Spool}, and while the spool holds anything new messages are
 * appended to it too, so order is kept: the queue always holds messages older than the spool. A
 * sending thread sends the queue, then drains the spool, reconnecting with {@link Backoff}. When a
 * send fails, the failed batch and the queue are written before the spool ({@link Spool#prepend}).
 *
 * <p>Thread-safe. {@link #close} sends what is queued (or spools it) and stops the thread; the
 * caller closes the spool and the transport afterwards.
 */
public final class Sender implements AutoCloseable {
  /** Most messages written in one batch. */
  static final int BATCH = 512;

  /** How long {@link #close} lets a blocked send go on before it breaks the connection. */
  static final Duration STOP_WAIT = Duration.ofSeconds(10);

  /** A message and what to run once it was sent or spooled (for tail positions), or null. */
  record Item(byte[] message, Runnable onDone) {}

  private final Transport transport;
  private final Spool spool;
  private final int capacity;
  private final AgentCounters counters;
  private final LongFunction<byte[]> dropNotice;
  private final Object lock = new Object();
  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private final Backoff backoff = new Backoff(ThreadLocalRandom.current());
  private final Thread thread;
  private boolean spoolMode;
  private boolean stopping;
  private boolean stopped;
  private long pendingDropReport;
  private IOException lastFailure;

  /**
   * @param dropNotice builds the message reporting N lines dropped because the spool was full
   */
  Sender(
      Transport transport,
      Spool spool,
      int capacity,
      AgentCounters counters,
      LongFunction<byte[]> dropNotice) {
    this.transport = transport;
    this.spool = spool;
    this.capacity = capacity;
    this.counters = counters;
    this.dropNotice = dropNotice;
    this.spoolMode = !spool.isEmpty();
    this.thread = Thread.ofPlatform().name("outpost-sender").daemon().unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** Hands a message over; never waits for the network (it may write to the local spool). */
  public void offer(byte[] message, Runnable onDone) {
    Item item = new Item(message, onDone);
    synchronized (lock) {
      if (spoolMode || stopped) {
        spool(item);
      } else if (queue.size() < capacity) {
        queue.addLast(item);
        lock.notifyAll();
      } else {
        spoolMode = true; // the server is slow: from now on to disk, in order
        spool(item);
      }
    }
  }

  /**
   * Queues a message only if it can go out now (nothing spooled, room in the queue): a heartbeat
   * that waits on disk says nothing about now.
   */
  boolean offerIfLive(byte[] message) {
    synchronized (lock) {
      if (spoolMode || stopping || queue.size() >= capacity) {
        return false;
      }
      queue.addLast(new Item(message, null));
      lock.notifyAll();
      return true;
    }
  }

  private void spool(Item item) {
    try {
      spool.append(item.message());
      counters.spooled.incrementAndGet();
    } catch (IOException | RuntimeException e) {
      if (counters.unspoolable.getAndIncrement() % 10_000 == 0) {
        System.err.println("outpost-agent: cannot write to the spool, line lost: " + e);
      }
    }
    if (item.onDone() != null) {
      item.onDone().run();
    }
  }

  private void run() {
    while (true) {
      List<Item> batch = new ArrayList<>();
      List<byte[]> spooled = List.of();
      synchronized (lock) {
        while (queue.isEmpty() && !spoolMode && !stopping) {
          syncSpool();
          waitQuietly(1_000);
        }
        if (!queue.isEmpty()) {
          while (!queue.isEmpty() && batch.size() < BATCH) {
            batch.add(queue.removeFirst());
          }
        } else if (spoolMode && !stopping) {
          spooled = peekSpool();
          if (spooled.isEmpty()) {
            spoolMode = false; // caught up; new messages may use the queue again
            continue;
          }
        } else {
          return; // stopping with nothing queued: the spool waits for the next start
        }
      }
      if (!sendBatch(batch, spooled)) {
        synchronized (lock) {
          if (stopping) {
            return;
          }
          waitQuietly(backoff.nextDelayMillis());
        }
      }
    }
  }

  private List<byte[]> peekSpool() {
    try {
      return spool.peek(BATCH);
    } catch (IOException e) {
      System.err.println("outpost-agent: cannot read the spool: " + e);
      return List.of();
    }
  }

  /**
   * Sends a batch from the queue or the spool; false when the server could not take it. Over RELP a
   * failed send may have been answered for its first messages: those count as sent (or refused),
   * the rest go back to the front.
   */
  private boolean sendBatch(List<Item> batch, List<byte[]> spooled) {
    List<byte[]> messages = new ArrayList<>(batch.size() + spooled.size() + 1);
    batch.forEach(i -> messages.add(i.message()));
    messages.addAll(spooled);
    boolean sendingMessages = false;
    long rejectedBefore = counters.rejected.get();
    try {
      transport.connect();
      long drops = takeDrops();
      if (drops > 0) {
        transport.send(List.of(dropNotice.apply(drops)));
        synchronized (lock) {
          pendingDropReport -= drops;
        }
      }
      rejectedBefore = counters.rejected.get();
      sendingMessages = true;
      transport.send(messages);
      counters.sent.addAndGet(messages.size() - (counters.rejected.get() - rejectedBefore));
      backoff.reset();
      lastFailure = null;
      if (!spooled.isEmpty()) {
        spool.commit(spooled.size());
      }
      batch.forEach(Sender::runDone);
      return true;
    } catch (IOException e) {
      transport.close();
      if (lastFailure == null) {
        System.err.println("outpost-agent: cannot send to " + transport.describe() + ": " + e);
      }
      lastFailure = e;
      int answered =
          sendingMessages && e instanceof RelpTransport.PartlySentException p ? p.answered() : 0;
      if (answered > 0) {
        counters.sent.addAndGet(answered - (counters.rejected.get() - rejectedBefore));
        if (!spooled.isEmpty()) {
          commitQuietly(answered);
        } else {
          batch.subList(0, answered).forEach(Sender::runDone);
        }
      }
      if (batch.size() > answered) {
        toSpoolFront(batch.subList(answered, batch.size()));
      }
      return false;
    }
  }

  private void commitQuietly(int n) {
    try {
      spool.commit(n);
    } catch (IOException e) {
      System.err.println("outpost-agent: cannot record what was sent from the spool: " + e);
    }
  }

  private long takeDrops() {
    synchronized (lock) {
      pendingDropReport += spool.takeUnreportedDrops();
      return pendingDropReport;
    }
  }

  /** The failed batch and everything queued after it go before what the spool holds. */
  private void toSpoolFront(List<Item> batch) {
    synchronized (lock) {
      List<Item> items = new ArrayList<>(batch);
      items.addAll(queue);
      queue.clear();
      spoolMode = true;
      List<byte[]> messages = new ArrayList<>(items.size());
      items.forEach(i -> messages.add(i.message()));
      try {
        spool.prepend(messages);
        counters.spooled.addAndGet(messages.size());
      } catch (IOException | RuntimeException e) {
        counters.unspoolable.addAndGet(messages.size());
        System.err.println(
            "outpost-agent: cannot write to the spool, " + messages.size() + " lines lost: " + e);
      }
      items.forEach(Sender::runDone);
    }
  }

  private static void runDone(Item i) {
    if (i.onDone() != null) {
      i.onDone().run();
    }
  }

  private void syncSpool() {
    try {
      spool.sync();
    } catch (IOException e) {
      System.err.println("outpost-agent: cannot fsync the spool: " + e);
    }
  }

  private void waitQuietly(long millis) {
    try {
      lock.wait(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  /** Messages waiting in memory and in the spool. */
  public long backlog() {
    synchronized (lock) {
      return queue.size() + spool.size();
    }
  }

  /** True when nothing is queued in memory or waiting in the spool. */
  public boolean idle() {
    synchronized (lock) {
      return queue.isEmpty() && spool.isEmpty();
    }
  }

  /**
   * Sends what is queued (one attempt if the server is unreachable, then to the spool) and stops
   * the thread; later {@link #offer}s go to the spool. Safe twice.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopping = true;
      lock.notifyAll();
    }
    try {
      if (!thread.join(STOP_WAIT)) {
        // a server that stopped reading: fail the write so its batch goes to the spool
        System.err.println(
            "outpost-agent: "
                + transport.describe()
                + " took no data for "
                + STOP_WAIT.toSeconds()
                + " s; closing the connection");
        transport.abort();
        thread.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (lock) {
      stopped = true;
      if (!queue.isEmpty()) { // the thread stopped before it could send these
        List<Item> rest = new ArrayList<>(queue);
        queue.clear();
        toSpoolFront(rest);
      }
    }
  }
}
