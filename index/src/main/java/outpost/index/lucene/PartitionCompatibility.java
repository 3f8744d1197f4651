package outpost.index.lucene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

/**
 * Reads the last commit of every day partition under {@code <dataDir>/index} before the store
 * opens, so a partition written by a Lucene version this Outpost cannot read is refused at start
 * with a sentence naming it, instead of a stack trace the first time someone searches that day.
 * Reads only; writes nothing. Stateless.
 */
public final class PartitionCompatibility {
  private PartitionCompatibility() {}

  /**
   * One line per partition this Lucene cannot open, naming the partition directory, the Lucene
   * version that wrote it (when known) and the one this Outpost uses; empty when all can be read.
   * Partition directories without a commit (created and never committed) are skipped.
   *
   * @throws IOException when the index directory cannot be listed
   */
  public static List<String> problems(Path indexRoot) throws IOException {
    List<String> problems = new ArrayList<>();
    if (!Files.isDirectory(indexRoot)) {
      return problems;
    }
    try (Stream<Path> dirs = Files.list(indexRoot)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        if (isDay(dir)) {
          check(dir).ifPresent(problems::add);
        }
      }
    }
    return problems;
  }

  private static Optional<String> check(Path partition) {
    String here = "this Outpost reads indexes of Lucene " + Version.LATEST.major;
    try (Directory dir = FSDirectory.open(partition)) {
      SegmentInfos infos = SegmentInfos.readLatestCommit(dir);
      int created = infos.getIndexCreatedVersionMajor();
      if (created < Version.MIN_SUPPORTED_MAJOR) {
        // reading the commit works, but readers and writers refuse an index this old
        return Optional.of(tooOld(partition, "created by Lucene " + created, here));
      }
      if (created > Version.LATEST.major) {
        return Optional.of(
            partition
                + ": written by Lucene "
                + infos.getIndexCreatedVersionMajor()
                + ", newer than this Outpost's Lucene "
                + Version.LATEST
                + "; upgrade Outpost");
      }
      return Optional.empty();
    } catch (IndexNotFoundException e) {
      return Optional.empty();
    } catch (IndexFormatTooOldException e) {
      return Optional.of(tooOld(partition, e.getReason(), here));
    } catch (IndexFormatTooNewException e) {
      return Optional.of(
          partition + ": written by a newer Lucene than " + Version.LATEST + "; upgrade Outpost");
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: a segment names a codec this Lucene does not have
      return Optional.of(partition + ": cannot be read (" + e.getMessage() + "); " + here);
    }
  }

  private static String tooOld(Path partition, String reason, String here) {
    return partition
        + ": written by an older Lucene ("
        + reason
        + "); "
        + here
        + " and "
        + Version.MIN_SUPPORTED_MAJOR
        + "; keep running the Outpost version that wrote it, or move this directory out of the"
        + " data directory to start without that day";
  }

  private static boolean isDay(Path dir) {
    try {
      LocalDate.parse(dir.getFileName().toString());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
