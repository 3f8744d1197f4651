package outpost.server.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import outpost.index.DurableFiles;

/**
 * The {@code FORMAT} file at the top of a data directory: which data format the directory is in and
 * which Outpost version wrote that format. Two lines:
 *
 * <pre>
 * outpost-data-format 2
 * written-by outpost 0.1.0
 * </pre>
 *
 * <p>Immutable record; {@link #write} replaces the file atomically (a crash leaves the old stamp or
 * the new one, never a torn one).
 *
 * @param format the data format number, at least 1
 * @param writtenBy the Outpost version that wrote this stamp
 */
public record FormatStamp(int format, String writtenBy) {
  /** The stamp's file name inside the data directory. */
  public static final String FILE_NAME = "FORMAT";

  /** A stamp is two short lines; anything longer is not one. */
  static final int MAX_BYTES = 4096;

  private static final Pattern FORMAT_LINE = Pattern.compile("outpost-data-format ([1-9]\\d{0,8})");
  private static final Pattern WRITER_LINE = Pattern.compile("written-by outpost (\\S{1,64})");

  public FormatStamp {
    if (format < 1) {
      throw new IllegalArgumentException("format " + format + " is below 1");
    }
    if (writtenBy == null || !WRITER_LINE.matcher("written-by outpost " + writtenBy).matches()) {
      throw new IllegalArgumentException("writtenBy '" + writtenBy + "' is not a version");
    }
  }

  /**
   * The stamp of {@code dataDir}; empty when there is no {@code FORMAT} file.
   *
   * @throws DataFormatException when the file exists but is not a stamp (names file, line, reason)
   * @throws IOException when it cannot be read
   */
  public static Optional<FormatStamp> read(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
      throw corrupt(file, "is not a regular file of at most " + MAX_BYTES + " bytes");
    }
    List<String> lines;
    try {
      lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
    } catch (IOException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    Matcher format = FORMAT_LINE.matcher(lines.get(0).strip());
    if (!format.matches()) {
      throw corrupt(
          file, "line 1 is '" + printable(lines.get(0)) + "', expected 'outpost-data-format N'");
    }
    Matcher writer = WRITER_LINE.matcher(lines.size() > 1 ? lines.get(1).strip() : "");
    if (!writer.matches()) {
      throw corrupt(
          file,
          "line 2 is '"
              + (lines.size() > 1 ? printable(lines.get(1)) : "")
              + "', expected 'written-by outpost VERSION'");
    }
    return Optional.of(new FormatStamp(Integer.parseInt(format.group(1)), writer.group(1)));
  }

  /** Replaces {@code dataDir/FORMAT} with this stamp, durably. */
  public void write(Path dataDir) throws IOException {
    String text = "outpost-data-format " + format + "\nwritten-by outpost " + writtenBy + "\n";
    DurableFiles.replace(dataDir.resolve(FILE_NAME), text.getBytes(StandardCharsets.UTF_8), false);
  }

  private static DataFormatException corrupt(Path file, String reason) {
    return new DataFormatException(
        file
            + ": "
            + reason
            + "; the data format of this directory is unknown, so Outpost will not open it."
            + " Restore the file from a backup (or fix it by hand if you know the format)");
  }

  /** The line without control characters and at most 80 characters, for the message. */
  private static String printable(String line) {
    String clean = line.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
  }
}
