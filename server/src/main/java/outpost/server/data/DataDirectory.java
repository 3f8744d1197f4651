package outpost.server.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.lucene.PartitionCompatibility;

/**
 * Decides whether a data directory may be opened and brings it to the current format first: an
 * empty or missing directory is stamped with the current format; an older supported format is
 * upgraded step by step, each step followed by its stamp (so a crash resumes where it stopped); a
 * newer format, a corrupt stamp, an unknown layout or a Lucene partition this build cannot read is
 * refused with {@link DataFormatException} before anything is written. Steps marked offline run
 * only from {@code bin/outpost upgrade-data}.
 *
 * <p>Stateless; callers must not run two of these on one directory at once (the server does it once
 * before it opens anything).
 */
public final class DataDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

  /** The command that runs offline steps; named in refusals. */
  public static final String UPGRADE_COMMAND = "bin/outpost upgrade-data [--config FILE]";

  /**
   * What {@link #open} or {@link #upgrade} did.
   *
   * @param found the format found, 0 for a new (empty or missing) directory
   * @param format the format the directory is in now
   * @param steps the upgrade steps that ran, in order
   */
  public record Outcome(int found, int format, List<String> steps) {
    public Outcome {
      steps = List.copyOf(steps);
    }
  }

  private DataDirectory() {}

  /**
   * At start: creates and stamps a new directory, runs online upgrade steps, or refuses.
   *
   * @throws DataFormatException when the directory must not be opened by this build
   * @throws IOException when it cannot be read or written
   */
  public static Outcome open(Path dataDir, DataFormats formats, String version) throws IOException {
    return prepare(dataDir, formats, version, false);
  }

  /** {@code bin/outpost upgrade-data}: like {@link #open}, offline steps included. */
  public static Outcome upgrade(Path dataDir, DataFormats formats, String version)
      throws IOException {
    return prepare(dataDir, formats, version, true);
  }

  /**
   * Read-only: the format of {@code dataDir} (0 when new), without upgrading anything.
   *
   * @throws DataFormatException when {@link #open} would refuse the directory
   */
  public static int inspect(Path dataDir, DataFormats formats) throws IOException {
    int found = found(dataDir);
    if (found > 0) {
      refuseUnopenable(dataDir, formats, found, false);
      if (found == 1 && FormatStamp.read(dataDir).isEmpty()) {
        Format1Layout.check(dataDir);
      }
    }
    return found;
  }

  private static Outcome prepare(
      Path dataDir, DataFormats formats, String version, boolean offlineAllowed)
      throws IOException {
    int found = found(dataDir);
    if (found == 0) {
      Files.createDirectories(dataDir);
      new FormatStamp(formats.current(), version).write(dataDir);
      LOG.info("new data directory {}: stamped format {}", dataDir, formats.current());
      return new Outcome(0, formats.current(), List.of());
    }
    refuseUnopenable(dataDir, formats, found, offlineAllowed);
    List<String> ran = new ArrayList<>();
    for (FormatUpgrade step : formats.stepsFrom(found)) {
      LOG.info("data directory {}: upgrading {}", dataDir, step.description());
      step.action().apply(dataDir);
      new FormatStamp(step.from() + 1, version).write(dataDir); // last: a crash repeats the step
      ran.add(step.description());
    }
    return new Outcome(found, formats.current(), ran);
  }

  /** Every refusal, checked before anything is written. */
  private static void refuseUnopenable(
      Path dataDir, DataFormats formats, int found, boolean offlineAllowed) throws IOException {
    if (found > formats.current()) {
      String writer = FormatStamp.read(dataDir).map(FormatStamp::writtenBy).orElse("unknown");
      throw new DataFormatException(
          "data directory "
              + dataDir
              + " is in data format "
              + found
              + " (written by Outpost "
              + writer
              + "), newer than this Outpost "
              + OutpostVersion.current()
              + " supports (format "
              + formats.current()
              + "). Upgrade Outpost to the version that wrote it or later; nothing was changed");
    }
    if (found < formats.oldest()) {
      throw new DataFormatException(
          "data directory "
              + dataDir
              + " is in data format "
              + found
              + ", older than this Outpost upgrades (formats "
              + formats.oldest()
              + " to "
              + formats.current()
              + "). Upgrade it with an intermediate Outpost release first; nothing was changed");
    }
    List<FormatUpgrade> offline =
        formats.stepsFrom(found).stream().filter(FormatUpgrade::offline).toList();
    if (!offlineAllowed && !offline.isEmpty()) {
      throw new DataFormatException(
          "data directory "
              + dataDir
              + " is in data format "
              + found
              + " and needs an offline migration to format "
              + formats.current()
              + " ("
              + offline.get(0).description()
              + "). Make a backup (bin/outpost backup DIR), then run: "
              + UPGRADE_COMMAND
              + "; nothing was changed");
    }
    List<String> partitions = PartitionCompatibility.problems(dataDir.resolve("index"));
    if (!partitions.isEmpty()) {
      throw new DataFormatException(
          "data directory "
              + dataDir
              + " holds index partitions this Outpost cannot read: "
              + String.join("; ", partitions)
              + "; nothing was changed");
    }
  }

  /** 0 for a missing or empty directory, the stamped format, or 1 without a stamp. */
  private static int found(Path dataDir) throws IOException {
    if (!Files.exists(dataDir)) {
      return 0;
    }
    if (!Files.isDirectory(dataDir)) {
      throw new DataFormatException("data directory " + dataDir + " is not a directory");
    }
    Optional<FormatStamp> stamp = FormatStamp.read(dataDir);
    if (stamp.isPresent()) {
      return stamp.get().format();
    }
    boolean empty =
        Format1Layout.list(dataDir).stream()
            .allMatch(p -> p.getFileName().toString().equals("lost+found"));
    return empty ? 0 : 1;
  }
}
