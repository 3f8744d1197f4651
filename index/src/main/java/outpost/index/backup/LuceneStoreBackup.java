package outpost.index.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import outpost.index.journal.JournalRange;
import outpost.index.journal.JournalRecords;
import outpost.index.journal.JournalSegments;
import outpost.index.lucene.Checkpoint;
import outpost.index.lucene.Partitions;

/**
 * Backs up the embedded store: one pinned commit of every day partition, the checkpoint, and the
 * journal records after it up to the durable position (each segment cut to those records).
 *
 * <p>Why the copy is consistent: the backup first stops the journal from deleting segments, then
 * reads the committed position {@code k}. Every event up to {@code k} is in a commit of its day
 * (the indexer writes the checkpoint only after committing every partition), and the commits pinned
 * afterwards are that one or later ones. The journal still holds every event after {@code k}, and
 * is copied up to the durable position read after the partitions were pinned, so it reaches at
 * least as far as any copied commit. A restore starts like a server after a crash: replay from
 * {@code k}, each partition skipping the events its commit already holds (the {@code journal.seq}
 * in its commit data).
 *
 * <p>Not thread-safe; one backup at a time. Holds nothing after {@link #backup} returns.
 */
public final class LuceneStoreBackup implements StoreBackup {
  static final String SCOPE = "index partitions, checkpoint, journal";

  private final Path dataDir;
  private final PartitionSource partitions;
  private final LongSupplier committedSeq;
  private final LongSupplier durableSeq;
  private final Supplier<JournalSegments.DeleteHold> hold;

  /** Lists the days and pins the last commit of one; null when it has none. */
  interface PartitionSource {
    List<LocalDate> days();

    outpost.index.lucene.PartitionSnapshot snapshot(LocalDate day) throws IOException;
  }

  private LuceneStoreBackup(
      Path dataDir,
      PartitionSource partitions,
      LongSupplier committedSeq,
      LongSupplier durableSeq,
      Supplier<JournalSegments.DeleteHold> hold) {
    this.dataDir = dataDir;
    this.partitions = partitions;
    this.committedSeq = committedSeq;
    this.durableSeq = durableSeq;
    this.hold = hold;
  }

  /** The backup of a running store (called by the store, which owns these parts). */
  public static LuceneStoreBackup online(
      Partitions partitions,
      LongSupplier committedSeq,
      LongSupplier durableSeq,
      JournalSegments segments) {
    PartitionSource source =
        new PartitionSource() {
          @Override
          public List<LocalDate> days() {
            return partitions.days();
          }

          @Override
          public outpost.index.lucene.PartitionSnapshot snapshot(LocalDate day) throws IOException {
            var p = partitions.forRead(day);
            return p == null ? null : p.snapshot();
          }
        };
    return new LuceneStoreBackup(
        partitions.root().getParent(), source, committedSeq, durableSeq, segments::holdDeletes);
  }

  /**
   * The backup of a data directory no process has open: the last commit of each partition, the
   * checkpoint file, every whole journal record. The caller holds the data directory's lock.
   */
  public static LuceneStoreBackup offline(Path dataDir) throws IOException {
    long checkpoint = new Checkpoint(dataDir.resolve("checkpoint")).seq();
    return new LuceneStoreBackup(
        dataDir,
        new OfflinePartitions(dataDir.resolve("index")),
        () -> checkpoint,
        () -> Long.MAX_VALUE,
        () -> () -> {});
  }

  @Override
  public Summary backup(BackupSink sink) throws IOException {
    try (JournalSegments.DeleteHold held = hold.get()) {
      long checkpoint = committedSeq.getAsLong();
      int copied = 0;
      for (LocalDate day : partitions.days()) {
        if (copyPartition(day, sink)) {
          copied++;
        }
      }
      long durable = durableSeq.getAsLong();
      long[] journal = copyJournal(checkpoint, durable, sink);
      sink.write("checkpoint", (checkpoint + "\n").getBytes(StandardCharsets.US_ASCII));
      return new Summary(SCOPE, copied, checkpoint, journal[1], (int) journal[0]);
    }
  }

  private boolean copyPartition(LocalDate day, BackupSink sink) throws IOException {
    try (var snapshot = partitions.snapshot(day)) {
      if (snapshot == null) {
        sink.progress(
            "partition " + day + ": nothing committed yet, its events are in the journal");
        return false;
      }
      long bytes = 0;
      try (Directory dir = FSDirectory.open(snapshot.directory())) {
        for (String file : snapshot.files()) {
          Path source = snapshot.directory().resolve(file);
          sink.copy(source, "index/" + day + "/" + file, fingerprint(dir, file));
          bytes += Files.size(source);
        }
      }
      sink.progress(
          "partition " + day + ": " + snapshot.files().size() + " files, " + bytes + " bytes");
      return true;
    } catch (NoSuchFileException e) {
      if (!partitions.days().contains(day)) {
        sink.progress("partition " + day + ": deleted by retention during the backup, skipped");
        return false;
      }
      throw e;
    }
  }

  /** Lucene's footer checksum: read from the file's last bytes, it identifies its content. */
  private static String fingerprint(Directory dir, String file) throws IOException {
    try (IndexInput in = dir.openInput(file, IOContext.READONCE)) {
      return "lucene-crc32:" + Long.toHexString(CodecUtil.retrieveChecksum(in));
    }
  }

  /** Copies the segments holding events after {@code checkpoint}; returns {count, last seq}. */
  private long[] copyJournal(long checkpoint, long durable, BackupSink sink) throws IOException {
    List<Map.Entry<Long, Path>> segments = JournalSegments.open(dataDir.resolve("journal")).list();
    long count = 0;
    long last = checkpoint;
    for (int i = 0; i < segments.size(); i++) {
      long first = segments.get(i).getKey();
      boolean committed = i + 1 < segments.size() && segments.get(i + 1).getKey() - 1 <= checkpoint;
      if (committed || first > durable) {
        continue;
      }
      Path file = segments.get(i).getValue();
      JournalRange.Range range = JournalRange.scan(file, checkpoint, durable);
      if (!range.isEmpty()) {
        // named after its first record, as the journal names segments; replay needs no more
        String name = String.format("journal/segment-%020d.wal", range.firstSeq());
        sink.copyRange(
            file, name, JournalRecords.MAGIC, range.start(), range.end() - range.start());
        count++;
        last = Math.max(last, range.lastSeq());
      }
    }
    sink.progress(
        last == checkpoint
            ? "journal: nothing after position " + checkpoint
            : "journal: " + count + " segments, events " + (checkpoint + 1) + " to " + last);
    return new long[] {count, last};
  }
}
