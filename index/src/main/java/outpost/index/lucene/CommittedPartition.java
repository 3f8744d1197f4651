package outpost.index.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.IOUtils;
import outpost.index.LogEvent;
import outpost.index.Schema;

/**
 * The last commit of one day partition, read without changing it (for copying the embedded store
 * elsewhere). Holds the partition's Lucene write lock while open, so no {@code IndexWriter} (a
 * running Outpost) can change it meanwhile, and opening fails with {@link
 * LockObtainFailedException} while one holds it.
 *
 * <p>Not thread-safe; the caller closes it.
 */
public final class CommittedPartition implements Closeable {
  /** Receives each event with its journal sequence number and the time it is indexed under. */
  @FunctionalInterface
  public interface Visitor {
    void accept(long seq, long indexedMillis, LogEvent event) throws IOException;
  }

  private final LocalDate day;
  private final Directory directory;
  private final Lock lock;
  private final DirectoryReader reader;

  private CommittedPartition(
      LocalDate day, Directory directory, Lock lock, DirectoryReader reader) {
    this.day = day;
    this.directory = directory;
    this.lock = lock;
    this.reader = reader;
  }

  /**
   * Opens the partition of {@code day} in {@code dir}.
   *
   * @throws LockObtainFailedException when a writer (a running Outpost) has it open
   * @throws IOException when it cannot be read
   */
  public static CommittedPartition open(LocalDate day, Path dir) throws IOException {
    Directory directory = FSDirectory.open(dir);
    Lock lock = null;
    try {
      lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME);
      DirectoryReader reader;
      try {
        reader = DirectoryReader.open(directory);
      } catch (IndexNotFoundException e) {
        reader = null; // created but never committed: nothing to read
      }
      return new CommittedPartition(day, directory, lock, reader);
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(lock, directory);
      throw e;
    }
  }

  public LocalDate day() {
    return day;
  }

  /** Every event of this day up to this journal sequence number is in the commit. */
  public long committedSeq() {
    if (reader == null) {
      return 0;
    }
    try {
      String seq = reader.getIndexCommit().getUserData().get(DayPartition.JOURNAL_SEQ);
      return seq == null ? 0 : Long.parseLong(seq);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Live documents in the commit. */
  public int documents() {
    return reader == null ? 0 : reader.numDocs();
  }

  /** Hands {@code visitor} every live document, segment by segment. */
  public void forEach(Visitor visitor) throws IOException {
    if (reader == null) {
      return;
    }
    for (LeafReaderContext leaf : reader.leaves()) {
      LeafReader r = leaf.reader();
      StoredFields stored = r.storedFields();
      NumericDocValues ids = DocValues.getNumeric(r, IndexFields.ID);
      NumericDocValues times = DocValues.getNumeric(r, Schema.TIMESTAMP);
      Bits live = r.getLiveDocs();
      for (int doc = 0; doc < r.maxDoc(); doc++) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        if (!ids.advanceExact(doc) || !times.advanceExact(doc)) {
          throw new IOException("partition " + day + ": document " + doc + " has no id or time");
        }
        visitor.accept(ids.longValue(), times.longValue(), StoredSource.load(stored, doc));
      }
    }
  }

  @Override
  public void close() throws IOException {
    IOUtils.close(reader, lock, directory);
  }
}
