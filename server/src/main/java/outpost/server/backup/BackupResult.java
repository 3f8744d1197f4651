package outpost.server.backup;

import java.nio.file.Path;
import outpost.index.backup.StoreBackup;

/**
 * What one backup wrote.
 *
 * @param directory the backup
 * @param previous the backup unchanged files were linked to, or null
 * @param files files in the manifest
 * @param copiedBytes bytes written
 * @param linkedBytes bytes hard-linked to the previous backup
 * @param store what the store contributed
 */
public record BackupResult(
    Path directory,
    Path previous,
    int files,
    long copiedBytes,
    long linkedBytes,
    StoreBackup.Summary store) {

  /** One line for the command's output. */
  public String describe() {
    return "backup "
        + directory
        + " complete: "
        + files
        + " files, "
        + copiedBytes
        + " bytes copied, "
        + linkedBytes
        + " bytes linked"
        + (previous == null ? " (full)" : " to " + previous)
        + "; "
        + store.partitions()
        + " partitions, journal to event "
        + store.journalSeq();
  }
}
