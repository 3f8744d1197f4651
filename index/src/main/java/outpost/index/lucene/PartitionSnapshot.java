package outpost.index.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One commit of a day partition, pinned so that its files stay on disk while a backup copies them.
 * Lucene never rewrites a file it has written, so the named files are stable until {@link #close}.
 *
 * @param day the partition's UTC day
 * @param directory the partition's directory
 * @param files the commit's file names in {@code directory}, including its {@code segments_N}
 * @param journalSeq the journal position recorded in the commit
 * @param release unpins the commit; called once by {@link #close}
 */
public record PartitionSnapshot(
    LocalDate day, Path directory, List<String> files, long journalSeq, Release release)
    implements AutoCloseable {

  /** Unpins a commit. */
  @FunctionalInterface
  public interface Release {
    void release() throws IOException;
  }

  public PartitionSnapshot {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(release, "release");
    files = List.copyOf(files);
  }

  @Override
  public void close() throws IOException {
    release.release();
  }
}
