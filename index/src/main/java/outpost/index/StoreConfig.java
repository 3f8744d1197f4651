package outpost.index;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the embedded Lucene store. Immutable.
 *
 * @param dataDir root directory; the journal lives in {@code journal/}, partitions in {@code
 *     index/YYYY-MM-DD}
 * @param retention day partitions entirely older than this are deleted
 * @param diskBudgetBytes index plus journal bytes above this delete the oldest days; {@link
 *     Long#MAX_VALUE} for no budget
 * @param minFreeDiskBytes when the file system has less free space, the oldest days are deleted
 *     (never the newest one); 0 to disable
 * @param refreshInterval how often new documents become searchable
 * @param commitInterval how often Lucene commits (and journal segments can be deleted)
 * @param queueCapacityBatches batches waiting for the journal before {@code tryAppend} says full
 * @param indexQueueBatches journaled batches held in memory for the indexer; beyond that it reads
 *     them back from the journal
 * @param segmentBytes size at which a journal segment rolls
 * @param ramBufferMb Lucene indexing buffer per partition
 * @param diskRetryInterval how often a failed journal write is retried
 * @param retentionInterval how often retention runs
 */
public record StoreConfig(
    Path dataDir,
    Duration retention,
    long diskBudgetBytes,
    long minFreeDiskBytes,
    Duration refreshInterval,
    Duration commitInterval,
    int queueCapacityBatches,
    int indexQueueBatches,
    long segmentBytes,
    int ramBufferMb,
    Duration diskRetryInterval,
    Duration retentionInterval) {

  public StoreConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    requirePositive(retention, "retention");
    requirePositive(refreshInterval, "refreshInterval");
    requirePositive(commitInterval, "commitInterval");
    requirePositive(diskRetryInterval, "diskRetryInterval");
    requirePositive(retentionInterval, "retentionInterval");
    if (diskBudgetBytes < 1 || minFreeDiskBytes < 0) {
      throw new IllegalArgumentException(
          "diskBudgetBytes "
              + diskBudgetBytes
              + " < 1 or minFreeDiskBytes "
              + minFreeDiskBytes
              + " < 0");
    }
    if (queueCapacityBatches < 1 || indexQueueBatches < 1) {
      throw new IllegalArgumentException("queue capacities must be at least 1");
    }
    if (segmentBytes < 4096 || ramBufferMb < 1) {
      throw new IllegalArgumentException(
          "segmentBytes " + segmentBytes + " < 4096 or ramBufferMb " + ramBufferMb + " < 1");
    }
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " " + d + " must be positive");
    }
  }

  /**
   * Defaults: 30 days, no byte budget, keep 1 GiB free, refresh 250 ms, commit 15 s, 256 batches
   * queued for the journal and 256 for the indexer (bounding memory: batches are held as events),
   * 64 MiB segments, 128 MB indexing buffer.
   */
  public static StoreConfig defaults(Path dataDir) {
    return new StoreConfig(
        dataDir,
        Duration.ofDays(30),
        Long.MAX_VALUE,
        1L << 30,
        Duration.ofMillis(250),
        Duration.ofSeconds(15),
        256,
        256,
        64L << 20,
        128,
        Duration.ofSeconds(1),
        Duration.ofMinutes(1));
  }

  public StoreConfig withRetention(Duration value, long budgetBytes, long minFreeBytes) {
    return new StoreConfig(
        dataDir,
        value,
        budgetBytes,
        minFreeBytes,
        refreshInterval,
        commitInterval,
        queueCapacityBatches,
        indexQueueBatches,
        segmentBytes,
        ramBufferMb,
        diskRetryInterval,
        retentionInterval);
  }

  public StoreConfig withCommitInterval(Duration value) {
    return new StoreConfig(
        dataDir,
        retention,
        diskBudgetBytes,
        minFreeDiskBytes,
        refreshInterval,
        value,
        queueCapacityBatches,
        indexQueueBatches,
        segmentBytes,
        ramBufferMb,
        diskRetryInterval,
        retentionInterval);
  }

  public StoreConfig withSegmentBytes(long value) {
    return new StoreConfig(
        dataDir,
        retention,
        diskBudgetBytes,
        minFreeDiskBytes,
        refreshInterval,
        commitInterval,
        queueCapacityBatches,
        indexQueueBatches,
        value,
        ramBufferMb,
        diskRetryInterval,
        retentionInterval);
  }
}
