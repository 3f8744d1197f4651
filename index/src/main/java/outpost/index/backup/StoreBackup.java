package outpost.index.backup;

import java.io.IOException;

/**
 * The store's part of a backup: writes into a {@link BackupSink} whatever a restore needs to bring
 * back every acknowledged event. The embedded store copies its index snapshot, checkpoint and
 * journal tail ({@link LuceneStoreBackup}); a store whose index lives elsewhere (OpenSearch) would
 * copy only its journal and say in {@link Summary#scope()} that the index is backed up by the
 * cluster's own snapshots.
 *
 * <p>Implementations are safe to call while the store runs; one backup at a time.
 */
public interface StoreBackup {

  /**
   * What one store backup wrote.
   *
   * @param scope what is in the backup, for the report and the manifest
   * @param partitions index partitions copied
   * @param checkpointSeq the journal position every copied partition holds
   * @param journalSeq the last journal event in the backup
   * @param journalSegments journal segment files copied
   */
  record Summary(
      String scope, int partitions, long checkpointSeq, long journalSeq, int journalSegments) {}

  /** Writes the store's files into {@code sink}. */
  Summary backup(BackupSink sink) throws IOException;
}
