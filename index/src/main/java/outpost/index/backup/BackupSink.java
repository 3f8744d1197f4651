package outpost.index.backup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a backup writes files, named by their path relative to the data directory with {@code /}
 * separators (e.g. {@code index/2026-11-23/_3.cfe}); the server's implementation checksums them,
 * hard-links unchanged ones from the previous backup and lists them in the manifest.
 *
 * <p>Implementations need not be thread-safe: one backup writes from one thread.
 */
public interface BackupSink {
  /**
   * Copies {@code source} as {@code name}. With a {@code fingerprint} (a cheap content identity of
   * an immutable file, such as Lucene's footer checksum), a file of the previous backup with the
   * same name, size and fingerprint is hard-linked instead.
   */
  void copy(Path source, String name, String fingerprint) throws IOException;

  /**
   * Writes {@code header} followed by {@code length} bytes of {@code source} from {@code offset} as
   * {@code name} (a journal segment cut to the records a restore needs).
   */
  void copyRange(Path source, String name, byte[] header, long offset, long length)
      throws IOException;

  /** Writes {@code content} as {@code name}. */
  void write(String name, byte[] content) throws IOException;

  /** Reports progress to whoever asked for the backup. */
  void progress(String message);
}
