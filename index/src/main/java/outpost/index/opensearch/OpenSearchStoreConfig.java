package outpost.index.opensearch;

import java.time.Duration;
import java.util.Objects;
import outpost.index.StoreConfig;

/**
 * Configuration of the OpenSearch-backed store. Immutable.
 *
 * @param local the local part: {@code dataDir} holds the journal (in front of OpenSearch), the
 *     shipping checkpoint and the host directory; retention, queue and segment settings apply as
 *     for the embedded store (retention deletes whole daily indices)
 * @param connection the cluster
 * @param indexPrefix daily indices are {@code <prefix>-YYYY.MM.DD}; the template and ISM policy are
 *     named after it
 * @param nodeId this Outpost node's number, 0..{@link #MAX_NODE_ID}; part of every event id, so
 *     several Outpost nodes writing to one cluster never collide. Must differ between nodes.
 * @param shards primary shards per daily index
 * @param replicas replicas per shard
 * @param bulkEvents most events in one bulk request
 * @param maxJournalEvents journaled events not yet in OpenSearch beyond which appends are refused
 *     (ingest pushes back); bounds the journal during a long outage
 */
public record OpenSearchStoreConfig(
    StoreConfig local,
    OpenSearchConnection connection,
    String indexPrefix,
    int nodeId,
    int shards,
    int replicas,
    int bulkEvents,
    long maxJournalEvents) {
  public static final int MAX_NODE_ID = 32_767;

  public OpenSearchStoreConfig {
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(connection, "connection");
    if (indexPrefix == null || !indexPrefix.matches("[a-z0-9][a-z0-9_-]{0,100}")) {
      throw new IllegalArgumentException(
          "index prefix '" + indexPrefix + "' must be lower-case letters, digits, - or _");
    }
    if (nodeId < 0 || nodeId > MAX_NODE_ID) {
      throw new IllegalArgumentException("node id " + nodeId + " outside 0.." + MAX_NODE_ID);
    }
    if (shards < 1 || replicas < 0 || bulkEvents < 1 || maxJournalEvents < 1) {
      throw new IllegalArgumentException(
          "shards >= 1, replicas >= 0, bulkEvents >= 1 and maxJournalEvents >= 1 are required");
    }
  }

  /** Defaults: prefix {@code outpost-logs}, node 0, 1 shard, 0 replicas, 5,000 per bulk, 50 M. */
  public static OpenSearchStoreConfig defaults(StoreConfig local, OpenSearchConnection connection) {
    return new OpenSearchStoreConfig(
        local, connection, "outpost-logs", 0, 1, 0, 5_000, 50_000_000L);
  }

  /** How often the shipper retries while the cluster is unreachable (at most). */
  public static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(30);
}
