package outpost.server.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a data directory written before Outpost stamped its format (format 1) holds: the journal,
 * the Lucene day partitions, the checkpoint, the host registry, the web's users, tokens and saved
 * searches, and {@code alerts.db}. A directory without a stamp is upgraded only when it holds
 * nothing else, so pointing {@code data_dir} at the wrong directory is refused instead of being
 * stamped as Outpost's. Reads only. Stateless.
 */
final class Format1Layout {
  private static final Set<String> FILES =
      Set.of(
          "checkpoint",
          "hosts.dat",
          "users.json",
          "tokens.json",
          "saved-searches.json",
          "alerts.db",
          "alerts.db-wal",
          "alerts.db-shm",
          "alerts.db-journal",
          // left by a start of this version that stopped before stamping (lock, control socket)
          "outpost.lock",
          "control.sock");
  private static final Set<String> DIRECTORIES = Set.of("index", "journal", "lost+found");
  private static final Pattern SEGMENT = Pattern.compile("segment-\\d{20}\\.wal");
  private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.UTF_8);
  private static final int MAX_LISTED = 5;

  private Format1Layout() {}

  /**
   * @throws DataFormatException naming what does not belong to a format-1 directory
   */
  static void check(Path dataDir) throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Path entry : list(dataDir)) {
      String name = entry.getFileName().toString();
      String base = name.endsWith(".tmp") ? name.substring(0, name.length() - 4) : name;
      if (FILES.contains(base)) {
        if (!Files.isRegularFile(entry)) {
          wrong.add("'" + name + "' is not a regular file");
        } else if (name.equals("alerts.db") && !sqlite(entry)) {
          wrong.add("'alerts.db' is not an SQLite database");
        }
      } else if (DIRECTORIES.contains(name)) {
        if (!Files.isDirectory(entry)) {
          wrong.add("'" + name + "' is not a directory");
        } else if (name.equals("index")) {
          children(entry, Format1Layout::isDay, "a day partition (YYYY-MM-DD)", wrong);
        } else if (name.equals("journal")) {
          children(
              entry,
              p -> SEGMENT.matcher(p.getFileName().toString()).matches(),
              "a journal segment",
              wrong);
        }
      } else {
        wrong.add("'" + name + "' is not part of an Outpost data directory");
      }
    }
    if (!wrong.isEmpty()) {
      List<String> shown = wrong.subList(0, Math.min(MAX_LISTED, wrong.size()));
      throw new DataFormatException(
          "data directory "
              + dataDir
              + " has no "
              + FormatStamp.FILE_NAME
              + " stamp, so it must be an Outpost data directory of format 1 (written before"
              + " Outpost stamped its format), but "
              + String.join("; ", shown)
              + (wrong.size() > shown.size()
                  ? "; and " + (wrong.size() - shown.size()) + " more"
                  : "")
              + ". Check data_dir; nothing was changed");
    }
  }

  /** Entries of {@code dir}, sorted by name. */
  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    }
  }

  private static void children(
      Path dir, java.util.function.Predicate<Path> ok, String what, List<String> wrong)
      throws IOException {
    for (Path child : list(dir)) {
      if (!ok.test(child)) {
        wrong.add("'" + dir.getFileName() + "/" + child.getFileName() + "' is not " + what);
      }
    }
  }

  private static boolean isDay(Path dir) {
    try {
      LocalDate.parse(dir.getFileName().toString());
      return Files.isDirectory(dir);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean sqlite(Path file) throws IOException {
    if (Files.size(file) == 0) {
      return true; // SQLite creates the file empty and writes the header with the first table
    }
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(SQLITE_HEADER.length), SQLITE_HEADER);
    }
  }
}
