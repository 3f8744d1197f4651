package outpost.index.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's segment files, {@code <dir>/segment-<first seq, 20 digits>.wal}, ordered by first
 * sequence number. The last one is the active segment. Thread-safe: the writer thread rolls, the
 * indexer thread deletes committed segments.
 */
public final class JournalSegments {
  private static final Logger log = LoggerFactory.getLogger(JournalSegments.class);
  private static final Pattern NAME = Pattern.compile("segment-(\\d{20})\\.wal");

  private final Path dir;
  private final TreeMap<Long, Path> segments = new TreeMap<>();
  private int deleteHolds; // guarded by this

  /** Keeps committed segments on disk until closed; {@link #close} is safe twice. */
  public interface DeleteHold extends AutoCloseable {
    @Override
    void close();
  }

  private JournalSegments(Path dir) {
    this.dir = dir;
  }

  /** Lists the segments in {@code dir}, creating the directory if needed. */
  public static JournalSegments open(Path dir) throws IOException {
    Files.createDirectories(dir);
    JournalSegments result = new JournalSegments(dir);
    try (var files = Files.newDirectoryStream(dir, "segment-*.wal")) {
      for (Path file : files) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (m.matches()) {
          result.segments.put(Long.parseLong(m.group(1)), file);
        }
      }
    }
    return result;
  }

  public Path directory() {
    return dir;
  }

  /** Segments as (first seq, path), oldest first. */
  public synchronized List<Map.Entry<Long, Path>> list() {
    return new ArrayList<>(segments.entrySet());
  }

  /** Total bytes of all segment files. */
  public synchronized long bytes() {
    long total = 0;
    for (Path p : segments.values()) {
      try {
        total += Files.size(p);
      } catch (IOException e) {
        log.debug("size of {} unknown", p, e);
      }
    }
    return total;
  }

  /**
   * Creates a new active segment whose first record will have {@code firstSeq}, writes the magic
   * header and fsyncs file and directory.
   *
   * @return the channel, positioned after the header; the caller closes it
   */
  public FileChannel create(long firstSeq) throws IOException {
    Path file = dir.resolve(String.format("segment-%020d.wal", firstSeq));
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    try {
      ch.truncate(0);
      ch.write(java.nio.ByteBuffer.wrap(JournalRecords.MAGIC), 0);
      ch.force(true);
      ch.position(JournalRecords.MAGIC.length);
      fsyncDirectory();
    } catch (IOException e) {
      ch.close();
      Files.deleteIfExists(file);
      throw e;
    }
    synchronized (this) {
      segments.put(firstSeq, file);
    }
    return ch;
  }

  /** Opens the active segment for appending at {@code validLength}, truncating what follows. */
  public FileChannel reopen(Path file, long validLength) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
    try {
      if (ch.size() > validLength) {
        ch.truncate(validLength);
        ch.force(true);
      }
      ch.position(validLength);
      return ch;
    } catch (IOException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Suspends {@link #deleteThrough} until the hold is closed, so a backup that read the committed
   * position finds every segment after it; the first commit after the last hold ends deletes them.
   */
  public synchronized DeleteHold holdDeletes() {
    deleteHolds++;
    java.util.concurrent.atomic.AtomicBoolean released =
        new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        synchronized (this) {
          deleteHolds--;
        }
      }
    };
  }

  /**
   * Deletes every segment, except the active one, whose events all have sequence numbers up to
   * {@code committedSeq}; none while a {@link #holdDeletes hold} is open.
   *
   * @return number of segments deleted
   */
  public int deleteThrough(long committedSeq) throws IOException {
    List<Path> doomed = new ArrayList<>();
    synchronized (this) {
      if (deleteHolds > 0) {
        return 0; // a backup is copying them
      }
      var it = segments.entrySet().iterator();
      Map.Entry<Long, Path> current = it.hasNext() ? it.next() : null;
      while (current != null && it.hasNext()) {
        Map.Entry<Long, Path> next = it.next();
        // a segment ends right before the next one's first seq
        if (next.getKey() - 1 > committedSeq) {
          break;
        }
        doomed.add(current.getValue());
        segments.remove(current.getKey());
        it = segments.tailMap(next.getKey(), true).entrySet().iterator();
        current = it.next();
      }
    }
    for (Path p : doomed) {
      Files.deleteIfExists(p);
      log.debug("deleted committed journal segment {}", p);
    }
    return doomed.size();
  }

  private void fsyncDirectory() throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }
}
