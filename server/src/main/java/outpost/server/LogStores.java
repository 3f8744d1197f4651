package outpost.server;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.InstantSource;
import outpost.index.LogStore;
import outpost.index.LuceneLogStore;
import outpost.index.StoreConfig;
import outpost.index.opensearch.OpenSearchLogStore;
import outpost.index.opensearch.OpenSearchStoreConfig;

/**
 * Opens the store {@code store.type} names, behind the {@link LogStore} interface: the embedded
 * Lucene store, or the OpenSearch one with its journal in the data directory. Stateless; the caller
 * closes the store it gets.
 */
final class LogStores {
  /** The minimum free disk below which retention deletes the oldest days. */
  private static final long MIN_FREE_DISK_BYTES = 1L << 30;

  private LogStores() {}

  /**
   * Opens (and starts) the configured store.
   *
   * @throws IOException if the data directory cannot be used
   */
  static LogStore open(OutpostConfig config, InstantSource clock, MeterRegistry registry)
      throws IOException {
    StoreConfig local = storeConfig(config);
    return switch (config.store().type()) {
      case LUCENE -> LuceneLogStore.open(local, clock, registry);
      case OPENSEARCH ->
          OpenSearchLogStore.open(
              openSearchConfig(local, config.store().opensearch().orElseThrow()), clock, registry);
    };
  }

  /** The OpenSearch store's configuration: {@code local} plus the cluster settings. */
  static OpenSearchStoreConfig openSearchConfig(StoreConfig local, OutpostConfig.OpenSearch os) {
    OpenSearchStoreConfig d = OpenSearchStoreConfig.defaults(local, os.connection());
    return new OpenSearchStoreConfig(
        local,
        os.connection(),
        os.indexPrefix(),
        os.nodeId(),
        os.shards(),
        os.replicas(),
        d.bulkEvents(),
        d.maxJournalEvents());
  }

  /** The local part: data directory, retention, refresh and commit intervals. */
  static StoreConfig storeConfig(OutpostConfig config) {
    OutpostConfig.Store store = config.store();
    long budget = store.diskBudgetBytes() == 0 ? Long.MAX_VALUE : store.diskBudgetBytes();
    StoreConfig d = StoreConfig.defaults(config.dataDir());
    return new StoreConfig(
        d.dataDir(),
        store.retention(),
        budget,
        MIN_FREE_DISK_BYTES,
        store.refreshInterval(),
        store.commitInterval(),
        d.queueCapacityBatches(),
        d.indexQueueBatches(),
        d.segmentBytes(),
        d.ramBufferMb(),
        d.diskRetryInterval(),
        d.retentionInterval());
  }
}
