package outpost.index.lucene;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.IndexMetrics;
import outpost.index.LogEvent;
import outpost.index.RetentionDeletion;

/**
 * Deletes whole day partitions, oldest first: those entirely older than the retention period
 * ({@code age}), then while index plus journal exceed the byte budget ({@code budget}), then while
 * the file system has less than the minimum free space ({@code free_space}). The newest partition
 * is never deleted for size. Also decides the time an event is indexed under. Called by the indexer
 * thread only ({@link #run}); {@link #recent} is thread-safe.
 */
public final class Retention {
  /** Returned by {@link #indexedMillis} for an event too old to keep. */
  public static final long EXPIRED = Long.MIN_VALUE;

  /** How many deletions {@link #recent} remembers. */
  public static final int RECENT_DELETIONS = 20;

  private static final Logger log = LoggerFactory.getLogger(Retention.class);
  private static final Duration MAX_FUTURE = Duration.ofDays(1);

  private final Partitions partitions;
  private final InstantSource clock;
  private final Duration maxAge;
  private final long budgetBytes;
  private final long minFreeBytes;
  private final Duration interval;
  private final LongSupplier journalBytes;
  private final MeterRegistry registry;
  private final Deque<RetentionDeletion> recent = new ArrayDeque<>();

  public Retention(
      Partitions partitions,
      InstantSource clock,
      Duration maxAge,
      long budgetBytes,
      long minFreeBytes,
      Duration interval,
      LongSupplier journalBytes,
      MeterRegistry registry) {
    this.partitions = partitions;
    this.clock = clock;
    this.maxAge = maxAge;
    this.budgetBytes = budgetBytes;
    this.minFreeBytes = minFreeBytes;
    this.interval = interval;
    this.journalBytes = journalBytes;
    this.registry = registry;
  }

  public Duration interval() {
    return interval;
  }

  /**
   * The time, in epoch millis, an event is indexed and sorted under: its timestamp, or when that is
   * outside [now - retention, now + 1 day] (a sender with a wrong clock) its receive time; {@link
   * #EXPIRED} if both are older than the retention period.
   */
  public long indexedMillis(LogEvent event) {
    return indexedMillis(event, clock.instant(), maxAge);
  }

  /**
   * The time {@code event} is indexed under at {@code now} when days older than {@code maxAge} are
   * not kept: its timestamp, else its receive time when the timestamp is out of range, else now;
   * {@link #EXPIRED} when it is too old to keep.
   */
  public static long indexedMillis(LogEvent event, Instant now, Duration maxAge) {
    Instant oldest = now.minus(maxAge);
    Instant ts = event.timestamp();
    if (!ts.isBefore(oldest) && !ts.isAfter(now.plus(MAX_FUTURE))) {
      return ts.toEpochMilli();
    }
    Instant received = event.received();
    if (!received.isBefore(oldest) && !received.isAfter(now.plus(MAX_FUTURE))) {
      return received.toEpochMilli();
    }
    return received.isBefore(oldest) ? EXPIRED : now.toEpochMilli();
  }

  /** Applies age, budget and free-space rules at {@code now}. */
  public void run(Instant now) throws IOException {
    LocalDate oldestKept = now.minus(maxAge).atOffset(ZoneOffset.UTC).toLocalDate();
    for (LocalDate day : partitions.days()) {
      if (day.isBefore(oldestKept)) {
        delete(day, "age", now);
      }
    }
    while (partitions.days().size() > 1
        && partitions.bytes() + journalBytes.getAsLong() > budgetBytes) {
      delete(partitions.days().get(0), "budget", now);
    }
    while (minFreeBytes > 0
        && partitions.days().size() > 1
        && Files.getFileStore(partitions.root()).getUsableSpace() < minFreeBytes) {
      delete(partitions.days().get(0), "free_space", now);
    }
  }

  private void delete(LocalDate day, String reason, Instant now) throws IOException {
    long bytes = partitions.delete(day);
    log.info("retention deleted partition {} ({} bytes), reason: {}", day, bytes, reason);
    registry.counter(IndexMetrics.RETENTION_DELETIONS, IndexMetrics.TAG_REASON, reason).increment();
    synchronized (recent) {
      recent.addFirst(new RetentionDeletion(day, reason, bytes, now));
      while (recent.size() > RECENT_DELETIONS) {
        recent.removeLast();
      }
    }
  }

  /** The last deletions, newest first. */
  public List<RetentionDeletion> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }
}
