package outpost.server.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import outpost.index.DurableFiles;

/**
 * The list of a backup's files with size and SHA-256 each, plus what made it. Written last, by an
 * atomic rename, so a directory without it is an incomplete backup. Immutable.
 *
 * @param format the manifest's own format, {@value #FORMAT}
 * @param outpostVersion the Outpost that wrote the backup
 * @param dataFormat the data directory's format stamp ({@code FORMAT}), or "none" before stamps
 * @param created when the backup finished
 * @param scope what the store put in, e.g. "index partitions, checkpoint, journal"
 * @param checkpointSeq the journal position every copied partition holds
 * @param journalSeq the last journal event in the backup
 * @param files every file but the manifest, by name relative to the backup directory
 */
public record BackupManifest(
    String format,
    @JsonProperty("outpost_version") String outpostVersion,
    @JsonProperty("data_format") String dataFormat,
    Instant created,
    String scope,
    @JsonProperty("checkpoint_seq") long checkpointSeq,
    @JsonProperty("journal_seq") long journalSeq,
    List<Entry> files) {

  public static final String FILE_NAME = "manifest.json";
  public static final String FORMAT = "outpost-backup/1";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * One file of the backup.
   *
   * @param name path relative to the backup directory, {@code /}-separated
   * @param size bytes
   * @param sha256 lower-case hex
   * @param fingerprint the store's cheap content identity (Lucene's checksum), or null; matched by
   *     the next backup to hard-link the file instead of copying it
   */
  public record Entry(String name, long size, String sha256, String fingerprint) {
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sha256, "sha256");
      if (size < 0) {
        throw new IllegalArgumentException("size " + size + " of " + name + " is negative");
      }
    }
  }

  public BackupManifest {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(created, "created");
    files = List.copyOf(files == null ? List.of() : files);
  }

  /** The entries by name. */
  public Map<String, Entry> byName() {
    return files.stream().collect(Collectors.toMap(Entry::name, Function.identity()));
  }

  /** Total bytes of the listed files. */
  public long bytes() {
    return files.stream().mapToLong(Entry::size).sum();
  }

  /** Writes {@code dir/manifest.json} through a temp file, fsync and an atomic rename. */
  public void writeTo(Path dir) throws IOException {
    DurableFiles.replace(dir.resolve(FILE_NAME), JSON.writeValueAsBytes(this), false);
  }

  /**
   * Reads {@code dir/manifest.json}.
   *
   * @throws IOException naming the file when it is missing (an incomplete backup) or unreadable
   */
  public static BackupManifest read(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException(
          file + " is missing: " + dir + " is an incomplete backup or not a backup", e);
    }
    BackupManifest m;
    try {
      m = JSON.readValue(bytes, BackupManifest.class);
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw new IOException(file + " is not a valid manifest: " + e.getMessage(), e);
    }
    if (!FORMAT.equals(m.format())) {
      throw new IOException(
          file
              + ": format '"
              + m.format()
              + "' is not "
              + FORMAT
              + " (written by a newer Outpost?)");
    }
    return m;
  }

  /** True when {@code dir} holds a manifest that reads. */
  public static boolean complete(Path dir) {
    try {
      read(dir);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
