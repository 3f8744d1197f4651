package outpost.index.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import outpost.index.lucene.DayPartition;
import outpost.index.lucene.PartitionSnapshot;

/**
 * The day partitions of a data directory that no process has open: each one's last commit, read
 * from disk. Nothing changes the files meanwhile, so nothing needs pinning. Stateless.
 */
final class OfflinePartitions implements LuceneStoreBackup.PartitionSource {
  private final Path root;

  OfflinePartitions(Path root) {
    this.root = root;
  }

  @Override
  public List<LocalDate> days() {
    List<LocalDate> days = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return days;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.filter(Files::isDirectory)
          .forEach(
              d -> {
                try {
                  days.add(LocalDate.parse(d.getFileName().toString()));
                } catch (DateTimeParseException e) {
                  // not a partition: the index directory holds nothing else of ours
                }
              });
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + root, e);
    }
    days.sort(null);
    return days;
  }

  @Override
  public PartitionSnapshot snapshot(LocalDate day) throws IOException {
    Path dir = root.resolve(day.toString());
    try (Directory d = FSDirectory.open(dir)) {
      SegmentInfos commit = SegmentInfos.readLatestCommit(d);
      String seq = commit.getUserData().get(DayPartition.JOURNAL_SEQ);
      return new PartitionSnapshot(
          day,
          dir,
          List.copyOf(commit.files(true)),
          seq == null ? 0 : Long.parseLong(seq),
          () -> {});
    } catch (IndexNotFoundException e) {
      return null;
    }
  }
}
