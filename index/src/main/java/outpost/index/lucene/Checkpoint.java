package outpost.index.lucene;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import outpost.index.DurableFiles;

/**
 * The store-wide committed journal position: every event up to it is in a Lucene commit of its day.
 * Written after all partitions committed (temp file, fsync, atomic rename, directory fsync); replay
 * starts after it. Not thread-safe: the indexer thread owns it.
 */
public final class Checkpoint {
  private final Path file;
  private long seq;

  /** Reads {@code file}; a missing file means position 0. */
  public Checkpoint(Path file) throws IOException {
    this.file = file;
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      try {
        this.seq = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new IOException("checkpoint " + file + " holds '" + text + "', not a number", e);
      }
    }
  }

  public long seq() {
    return seq;
  }

  /** Durably records {@code newSeq}. */
  public void write(long newSeq) throws IOException {
    if (newSeq == seq) {
      return;
    }
    DurableFiles.replace(file, (newSeq + "\n").getBytes(StandardCharsets.US_ASCII), false);
    seq = newSeq;
  }
}
