package outpost.index.journal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.IndexMetrics;
import outpost.index.LogEvent;

/**
 * The write-ahead journal. {@link #tryAppend} puts a batch on a bounded queue; one writer thread
 * drains everything queued (group commit: it never waits to gather more, batches pile up while it
 * fsyncs), assigns sequence numbers, writes one buffer, calls {@code force} once, then completes
 * the futures and hands the batches to the indexer.
 *
 * <p>Write failures (typically a full disk): the group is cut off the segment again, the journal
 * stops accepting ({@link #tryAppend} returns null, so TCP ingest pushes back), and the same group
 * is retried every {@code retryInterval} until it is written; only then are its futures completed.
 * Nothing is acknowledged before its fsync returned. Futures still pending at {@link #close} while
 * paused fail with an {@link IOException}.
 *
 * <p>Thread-safe. The store that created it closes it.
 */
public final class Journal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Journal.class);
  private static final int MAX_GROUP_BATCHES = 4096;
  private static final long POLL_MILLIS = 50;

  /** Receives each durable batch in sequence order; may block to push back. */
  @FunctionalInterface
  public interface Handoff {
    void accept(JournaledBatch batch);
  }

  private record Pending(List<LogEvent> events, CompletableFuture<Void> done) {}

  private final JournalSegments segments;
  private final long segmentBytes;
  private final Duration retryInterval;
  private final Handoff handoff;
  private final ArrayBlockingQueue<Pending> queue;
  private final ConcurrentLinkedQueue<Runnable> writableCallbacks = new ConcurrentLinkedQueue<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final ByteSink sink = new ByteSink(1 << 20);
  private final Counter appends;
  private final Timer fsync;
  private final Thread writer;
  private FileChannel channel;
  private long nextSeq;
  private volatile long durableSeq;
  private volatile boolean closing;
  private volatile String pausedReason = "";

  /**
   * Opens the journal at the position replay ended. Call {@link #start()} to begin writing.
   *
   * @throws IOException if the active segment cannot be opened or created
   */
  public Journal(
      JournalSegments segments,
      JournalReplay.Result replayed,
      long segmentBytes,
      int queueCapacity,
      Duration retryInterval,
      Handoff handoff,
      MeterRegistry registry)
      throws IOException {
    this.segments = segments;
    this.segmentBytes = segmentBytes;
    this.retryInterval = retryInterval;
    this.handoff = handoff;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.nextSeq = replayed.nextSeq();
    this.durableSeq = nextSeq - 1;
    if (replayed.activeSegment() == null || replayed.activeLength() < JournalRecords.MAGIC.length) {
      this.channel = segments.create(nextSeq);
    } else {
      this.channel = segments.reopen(replayed.activeSegment(), replayed.activeLength());
    }
    this.appends = registry.counter(IndexMetrics.JOURNAL_APPENDS);
    this.fsync = registry.timer(IndexMetrics.JOURNAL_FSYNC);
    this.writer = Thread.ofPlatform().name("outpost-journal-writer").unstarted(this::run);
  }

  /** Starts the writer thread. */
  public void start() {
    writer.start();
  }

  /** Non-blocking; see {@link outpost.index.LogSink#tryAppend}. */
  public CompletableFuture<Void> tryAppend(List<LogEvent> batch) {
    if (batch.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    if (closing || !pausedReason.isEmpty()) {
      return null;
    }
    Pending p = new Pending(batch, new CompletableFuture<>());
    return queue.offer(p) ? p.done() : null;
  }

  /**
   * Runs {@code callback} once there is room: on the calling thread if there is room now, else on
   * the writer thread when it frees room.
   */
  public void whenWritable(Runnable callback) {
    writableCallbacks.add(callback);
    if (hasRoom()) {
      runWritableCallbacks();
    }
  }

  private boolean hasRoom() {
    return !closing && pausedReason.isEmpty() && queue.remainingCapacity() > 0;
  }

  private void runWritableCallbacks() {
    Runnable r;
    while (hasRoom() && (r = writableCallbacks.poll()) != null) {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.error("whenWritable callback failed", e);
      }
    }
  }

  /** Sequence number of the last durable event (0 when none). */
  public long durableSeq() {
    return durableSeq;
  }

  /** Why appends are refused (e.g. the disk is full), or empty while writable. */
  public String pausedReason() {
    return pausedReason;
  }

  /** Bytes held in segment files. */
  public long bytes() {
    return segments.bytes();
  }

  /** Keeps committed segments until the hold is closed; see {@link JournalSegments#holdDeletes}. */
  public JournalSegments.DeleteHold holdDeletes() {
    return segments.holdDeletes();
  }

  /** The directory holding the segment files. */
  public java.nio.file.Path directory() {
    return segments.directory();
  }

  /** Deletes segments whose events are all committed to the index. */
  public int deleteThrough(long committedSeq) throws IOException {
    return segments.deleteThrough(Math.min(committedSeq, durableSeq));
  }

  private void run() {
    List<Pending> group = new ArrayList<>();
    while (true) {
      Pending first;
      try {
        first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.error("journal writer interrupted; stopping", e);
        break;
      }
      if (first == null) {
        if (closing) {
          break;
        }
        continue;
      }
      group.add(first);
      queue.drainTo(group, MAX_GROUP_BATCHES - 1);
      runWritableCallbacks();
      try {
        writeGroup(group);
      } catch (RuntimeException e) {
        log.error("journal group of {} batches failed", group.size(), e);
        group.forEach(p -> p.done().completeExceptionally(e));
      }
      group.clear();
    }
    failQueued(new IOException("journal closed"));
  }

  private void writeGroup(List<Pending> group) {
    long firstSeq = nextSeq;
    sink.clear();
    long seq = firstSeq;
    int[][] offsets = new int[group.size()][];
    for (int i = 0; i < group.size(); i++) {
      List<LogEvent> events = group.get(i).events();
      offsets[i] = new int[events.size() + 1];
      JournalRecords.encode(seq, events, sink, offsets[i]);
      seq += events.size();
    }
    if (!writeDurably(firstSeq)) {
      IOException e = new IOException("journal closed while it could not write: " + pausedReason);
      group.forEach(p -> p.done().completeExceptionally(e));
      return;
    }
    nextSeq = seq;
    durableSeq = seq - 1;
    appends.increment(seq - firstSeq);
    seq = firstSeq;
    for (int i = 0; i < group.size(); i++) {
      Pending p = group.get(i);
      try {
        // hand over first, so whoever sees the append acknowledged also finds it in the live
        // tail and the host directory
        handoff.accept(batch(seq, p.events(), offsets[i]));
      } finally {
        p.done().complete(null);
      }
      seq += p.events().size();
    }
  }

  /** The batch with a copy of its events' encodings, which the indexer stores as they are. */
  private JournaledBatch batch(long firstSeq, List<LogEvent> events, int[] offsets) {
    int from = offsets[0];
    byte[] encoded = java.util.Arrays.copyOfRange(sink.array(), from, offsets[events.size()]);
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] -= from;
    }
    return new JournaledBatch(firstSeq, events, encoded, offsets);
  }

  /** Writes and fsyncs the encoded group, retrying while writes fail; false if closed meanwhile. */
  private boolean writeDurably(long firstSeq) {
    while (true) {
      long position = -1;
      try {
        maybeRoll(firstSeq);
        position = channel.position();
        ByteBuffer buf = sink.asBuffer();
        while (buf.hasRemaining()) {
          channel.write(buf);
        }
        Timer.Sample sample = Timer.start();
        channel.force(false);
        sample.stop(fsync);
        resume();
        return true;
      } catch (IOException e) {
        pause(e, position);
      }
      try {
        if (closed.await(retryInterval.toMillis(), TimeUnit.MILLISECONDS)) {
          return false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private void maybeRoll(long firstSeq) throws IOException {
    if (channel.position() < segmentBytes) {
      return;
    }
    FileChannel next = segments.create(firstSeq);
    channel.close();
    channel = next;
  }

  private void pause(IOException e, long position) {
    if (pausedReason.isEmpty()) {
      log.error("journal write failed; refusing appends and retrying every {}", retryInterval, e);
    } else {
      log.debug("journal write still failing", e);
    }
    pausedReason = "journal write failed: " + e.getMessage();
    if (position >= 0) {
      try {
        // cut off whatever part of the group reached the file, so a retry appends cleanly
        channel.truncate(position);
        channel.position(position);
      } catch (IOException t) {
        log.error("could not truncate journal back to {}", position, t);
      }
    }
  }

  private void resume() {
    if (!pausedReason.isEmpty()) {
      log.info("journal writes succeed again; accepting appends");
      pausedReason = "";
      runWritableCallbacks();
    }
  }

  private void failQueued(IOException e) {
    Pending p;
    while ((p = queue.poll()) != null) {
      p.done().completeExceptionally(e);
    }
  }

  /** Writes everything queued, stops the writer, closes the segment. Safe to call twice. */
  @Override
  public void close() throws IOException {
    if (closing) {
      return;
    }
    closing = true;
    closed.countDown();
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while closing the journal", e);
    }
    failQueued(new IOException("journal closed"));
    channel.close();
  }
}
