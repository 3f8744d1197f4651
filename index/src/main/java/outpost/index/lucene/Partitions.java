package outpost.index.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The day partitions under {@code <dataDir>/index}: which exist on disk, which are open. A
 * partition is opened lazily, by the first event or query that needs it. Thread-safe.
 */
public final class Partitions implements AutoCloseable {
  private final Path root;
  private final int ramBufferMb;
  private final NavigableSet<LocalDate> onDisk = new ConcurrentSkipListSet<>();
  private final ConcurrentHashMap<LocalDate, DayPartition> open = new ConcurrentHashMap<>();

  /**
   * Runs the segment slices of one query on every core: a broad query (top values over millions of
   * matches) otherwise uses one core while the others idle.
   */
  private final java.util.concurrent.ExecutorService searchPool =
      java.util.concurrent.Executors.newFixedThreadPool(
          Runtime.getRuntime().availableProcessors(),
          Thread.ofPlatform().name("outpost-search-", 0).daemon().factory());

  private volatile boolean closed;

  /** Lists the partitions in {@code root}, creating it if needed; opens none. */
  public Partitions(Path root, int ramBufferMb) throws IOException {
    this.root = root;
    this.ramBufferMb = ramBufferMb;
    Files.createDirectories(root);
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.filter(Files::isDirectory).forEach(d -> parseDay(d).ifPresent(onDisk::add));
    }
  }

  private static java.util.Optional<LocalDate> parseDay(Path dir) {
    try {
      return java.util.Optional.of(LocalDate.parse(dir.getFileName().toString()));
    } catch (DateTimeParseException e) {
      return java.util.Optional.empty();
    }
  }

  public Path root() {
    return root;
  }

  /** Days on disk, oldest first. */
  public List<LocalDate> days() {
    return new ArrayList<>(onDisk);
  }

  /** Days on disk within [{@code first}, {@code last}], newest first. */
  public List<LocalDate> daysNewestFirst(LocalDate first, LocalDate last) {
    if (first.isAfter(last)) {
      return List.of();
    }
    return new ArrayList<>(onDisk.subSet(first, true, last, true).descendingSet());
  }

  /** The open partition of {@code day}, opening or creating it. */
  public DayPartition forWrite(LocalDate day) throws IOException {
    try {
      return open.computeIfAbsent(day, this::openUnchecked);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The partition of {@code day}, opened if it exists on disk; null if it does not exist. */
  public DayPartition forRead(LocalDate day) throws IOException {
    DayPartition p = open.get(day);
    if (p != null || !onDisk.contains(day)) {
      return p;
    }
    try {
      // re-checked under the map's lock: retention removes the day from disk first
      return open.computeIfAbsent(day, d -> onDisk.contains(d) ? openUnchecked(d) : null);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private DayPartition openUnchecked(LocalDate day) {
    if (closed) {
      throw new org.apache.lucene.store.AlreadyClosedException("the store is closed");
    }
    try {
      DayPartition p =
          DayPartition.open(day, root.resolve(day.toString()), ramBufferMb, searchPool);
      onDisk.add(day);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Open partitions, in no particular order. */
  public Collection<DayPartition> openPartitions() {
    return List.copyOf(open.values());
  }

  /**
   * Closes open partitions other than the newest day that have nothing uncommitted and were not
   * used for {@code idleNanos}. Indexer thread only (it is the one that adds documents).
   *
   * @return how many were closed
   */
  public int closeIdle(long idleNanos) throws IOException {
    LocalDate newest = onDisk.isEmpty() ? null : onDisk.last();
    int closed = 0;
    for (DayPartition p : openPartitions()) {
      if (!p.day().equals(newest)
          && !p.hasUncommitted()
          && !p.snapshotHeld()
          && p.idleNanos() > idleNanos) {
        close(p.day());
        closed++;
      }
    }
    return closed;
  }

  /** Closes the open partition of {@code day} without committing (if it is open). */
  public void close(LocalDate day) throws IOException {
    DayPartition p = open.remove(day);
    if (p != null) {
      p.close();
    }
  }

  /**
   * Closes and deletes the partition of {@code day}.
   *
   * @return the bytes it had on disk
   */
  public long delete(LocalDate day) throws IOException {
    onDisk.remove(day); // first, so no search opens it again
    close(day);
    Path dir = root.resolve(day.toString());
    long bytes = sizeOf(dir);
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
    return bytes;
  }

  /** Bytes of the partition of {@code day}. */
  public long bytes(LocalDate day) {
    return sizeOf(root.resolve(day.toString()));
  }

  /** Bytes of all partitions. */
  public long bytes() {
    long total = 0;
    for (LocalDate d : onDisk) {
      total += bytes(d);
    }
    return total;
  }

  private static long sizeOf(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(Partitions::sizeOrZero).sum();
    } catch (IOException e) {
      return 0; // deleted concurrently
    }
  }

  private static long sizeOrZero(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return 0; // a file Lucene just merged away
    }
  }

  /** Documents of {@code day}: from the writer when open, else from its last commit. */
  public long documents(LocalDate day) throws IOException {
    DayPartition p = open.get(day);
    if (p != null) {
      try {
        return p.documents();
      } catch (org.apache.lucene.store.AlreadyClosedException e) {
        // the writer failed (e.g. disk full) and awaits recovery: count its last commit
      }
    }
    try (Directory dir = FSDirectory.open(root.resolve(day.toString()))) {
      return SegmentInfos.readLatestCommit(dir).totalMaxDoc();
    } catch (java.nio.file.NoSuchFileException | org.apache.lucene.index.IndexNotFoundException e) {
      return 0;
    }
  }

  /** Closes every open partition, discarding what is uncommitted; they reopen on demand. */
  public void closeOpen() throws IOException {
    List<DayPartition> all = List.copyOf(open.values());
    open.clear();
    org.apache.lucene.util.IOUtils.close(all);
  }

  /** Closes every open partition without committing; none opens again. Safe to call twice. */
  @Override
  public void close() throws IOException {
    closed = true;
    try {
      closeOpen();
    } finally {
      searchPool.shutdown();
    }
  }
}
