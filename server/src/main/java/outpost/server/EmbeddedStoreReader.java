package outpost.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import outpost.index.LogEvent;
import outpost.index.journal.CorruptRecordException;
import outpost.index.journal.JournalReader;
import outpost.index.journal.JournalSegments;
import outpost.index.journal.JournaledBatch;
import outpost.index.lucene.Checkpoint;
import outpost.index.lucene.CommittedPartition;
import outpost.index.lucene.Retention;

/**
 * Reads every event of an embedded store without changing it: the last commit of each day partition
 * ({@code index/YYYY-MM-DD}, holding its Lucene write lock while reading), then the journal records
 * after the store's checkpoint that no partition commit holds yet (what a restart would replay).
 * Each event comes with its journal sequence number and the time it is indexed under, exactly once.
 *
 * <p>Not thread-safe: one reading thread. Nothing to close.
 */
final class EmbeddedStoreReader {
  /** Receives each event; {@code day} is the UTC day it is indexed under. */
  @FunctionalInterface
  interface Sink {
    void accept(LocalDate day, long seq, long indexedMillis, LogEvent event) throws IOException;
  }

  /** Progress, once per partition and once for the journal. */
  @FunctionalInterface
  interface Progress {
    void done(String part, long events);
  }

  /**
   * What the journal part found.
   *
   * @param events events read from the journal and handed on
   * @param expired journal events too old for the retention period, not handed on
   * @param damage why reading stopped early (a damaged record), or empty
   */
  record JournalTail(long events, long expired, String damage) {}

  private static final int BATCHES_PER_READ = 64;

  private final Path dataDir;
  private final Duration retention;
  private final Map<LocalDate, Long> committedSeq = new HashMap<>();

  EmbeddedStoreReader(Path dataDir, Duration retention) {
    this.dataDir = dataDir;
    this.retention = retention;
  }

  /** Whether {@code dataDir} holds an embedded store at all. */
  boolean exists() {
    return Files.isDirectory(dataDir.resolve("index")) || Files.isDirectory(journalDir());
  }

  private Path journalDir() {
    return dataDir.resolve("journal");
  }

  /** Days with a partition directory, oldest first. */
  List<LocalDate> days() throws IOException {
    Path root = dataDir.resolve("index");
    List<LocalDate> days = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return days;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        try {
          days.add(LocalDate.parse(d.getFileName().toString()));
        } catch (DateTimeParseException e) {
          // not a partition (Lucene keeps nothing else here; a stray directory is ignored)
        }
      }
    }
    days.sort(null);
    return days;
  }

  /**
   * Reads the committed partitions.
   *
   * @throws org.apache.lucene.store.LockObtainFailedException when an Outpost has one open
   */
  void readPartitions(Sink sink, Progress progress) throws IOException {
    for (LocalDate day : days()) {
      try (CommittedPartition p =
          CommittedPartition.open(day, dataDir.resolve("index").resolve(day.toString()))) {
        committedSeq.put(day, p.committedSeq());
        long[] n = {0};
        p.forEach(
            (seq, millis, event) -> {
              sink.accept(day, seq, millis, event);
              n[0]++;
            });
        progress.done(day.toString(), n[0]);
      }
    }
  }

  /** Reads the journal after the checkpoint; call after {@link #readPartitions}. */
  JournalTail readJournalTail(Sink sink, Instant now) throws IOException {
    if (!Files.isDirectory(journalDir())) {
      return new JournalTail(0, 0, "");
    }
    long from = new Checkpoint(dataDir.resolve("checkpoint")).seq() + 1;
    long[] counts = {0, 0, from};
    String damage = "";
    try (JournalReader reader = new JournalReader(JournalSegments.open(journalDir()))) {
      while (reader.read(
              counts[2], Long.MAX_VALUE, BATCHES_PER_READ, b -> tail(b, sink, now, counts))
          > 0) {
        // counts[2] moved on to the first sequence number after the batches read
      }
    } catch (CorruptRecordException e) {
      damage =
          "journal damaged after sequence number "
              + (counts[2] - 1)
              + " ("
              + e.getMessage()
              + "); later events were not copied. Start and stop Outpost once on this data"
              + " directory (it cuts a torn tail off at start), then run the migration again";
    }
    return new JournalTail(counts[0], counts[1], damage);
  }

  private void tail(JournaledBatch batch, Sink sink, Instant now, long[] counts)
      throws IOException {
    List<LogEvent> events = batch.events();
    for (int i = 0; i < events.size(); i++) {
      long seq = batch.firstSeq() + i;
      if (seq < counts[2]) {
        continue; // before the checkpoint (a batch that straddles it)
      }
      long millis = Retention.indexedMillis(events.get(i), now, retention);
      if (millis == Retention.EXPIRED) {
        counts[1]++;
        continue;
      }
      LocalDate day = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
      if (seq <= committedSeq.getOrDefault(day, 0L)) {
        continue; // in that day's commit already, read with the partition
      }
      sink.accept(day, seq, millis, events.get(i));
      counts[0]++;
    }
    counts[2] = Math.max(counts[2], batch.lastSeq() + 1);
  }
}
