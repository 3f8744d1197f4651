package outpost.index;

/**
 * Names of the store's Micrometer meters, in base units. Tag values come from fixed sets.
 * Stateless.
 */
public final class IndexMetrics {
  /** Counter: documents added to Lucene (replays included). */
  public static final String INDEX_DOCUMENTS = "outpost.index.documents";

  /** Counter: events not indexed because their time is older than the retention period. */
  public static final String INDEX_EXPIRED = "outpost.index.expired";

  /** Gauge: events journaled but not yet indexed. */
  public static final String INDEX_LAG = "outpost.index.lag";

  /** Gauge: day partitions on disk. */
  public static final String INDEX_PARTITIONS = "outpost.index.partitions";

  /** Gauge: day partitions currently open (writer and searcher). */
  public static final String INDEX_PARTITIONS_OPEN = "outpost.index.partitions.open";

  /** Gauge: bytes of all day partitions on disk. */
  public static final String INDEX_DISK_BYTES = "outpost.index.disk.bytes";

  /** Counter: day partitions deleted by retention, tagged {@code reason}. */
  public static final String RETENTION_DELETIONS = "outpost.index.retention.deletions";

  /** Gauge: bytes held in journal segments. */
  public static final String JOURNAL_BYTES = "outpost.journal.bytes";

  /** Counter: events appended to the journal (durable). */
  public static final String JOURNAL_APPENDS = "outpost.journal.appends";

  /** Timer: one {@code FileChannel.force} per group commit. */
  public static final String JOURNAL_FSYNC = "outpost.journal.fsync";

  /** Gauge: live-tail subscriptions open. */
  public static final String TAIL_SUBSCRIBERS = "outpost.tail.subscribers";

  /**
   * Counter: live-tail matches dropped, tagged {@code reason}: {@link #TAIL_DROPPED_QUEUE_FULL} (a
   * subscriber's queue was full) or {@link #TAIL_DROPPED_HUB_BEHIND} (the hub skipped a batch; it
   * counts once per subscriber).
   */
  public static final String TAIL_DROPPED = "outpost.tail.dropped";

  /** {@link #TAG_REASON} value of {@link #TAIL_DROPPED}. */
  public static final String TAIL_DROPPED_QUEUE_FULL = "queue_full";

  /** {@link #TAG_REASON} value of {@link #TAIL_DROPPED}. */
  public static final String TAIL_DROPPED_HUB_BEHIND = "hub_behind";

  /** Gauge: hosts in the host directory. */
  public static final String HOSTS_KNOWN = "outpost.hosts.known";

  /**
   * Counter: events whose host the directory does not track (past its host limit, or a name longer
   * than its name limit); the events themselves are stored.
   */
  public static final String HOSTS_UNTRACKED = "outpost.hosts.untracked";

  /**
   * Counter: passes of the cluster-wide host directory (OpenSearch store) that could not reach the
   * cluster; each node's own hosts stay current meanwhile.
   */
  public static final String HOSTS_SYNC_FAILURES = "outpost.hosts.sync.failures";

  /** Gauge: seconds since the host directory last merged the cluster's hosts (OpenSearch store). */
  public static final String HOSTS_SYNC_AGE = "outpost.hosts.sync.age";

  /** Gauge: 1 while the OpenSearch cluster answers, 0 while it cannot be reached or fails. */
  public static final String OPENSEARCH_REACHABLE = "outpost.opensearch.reachable";

  /** Counter: {@code _bulk} requests sent to OpenSearch (resends included). */
  public static final String OPENSEARCH_BULK_REQUESTS = "outpost.opensearch.bulk.requests";

  /** Counter: {@code _bulk} requests that failed as a whole (no connection, 429, 5xx). */
  public static final String OPENSEARCH_BULK_FAILURES = "outpost.opensearch.bulk.failures";

  /** Counter: events sent again after a failed request or a per-item 429/5xx. */
  public static final String OPENSEARCH_RETRIED_EVENTS = "outpost.opensearch.retried.events";

  /**
   * Counter: events OpenSearch refused for good (a per-item 4xx such as a mapping conflict, also
   * after resending them with their extracted fields unindexed); they stay only in the journal.
   */
  public static final String OPENSEARCH_REJECTED_EVENTS = "outpost.opensearch.rejected.events";

  /** Timer: query latency, tagged {@code kind}. */
  public static final String SEARCH_LATENCY = "outpost.search.latency";

  /** Tag key of {@link #SEARCH_LATENCY}: {@code search}, {@code histogram} or {@code facets}. */
  public static final String TAG_KIND = "kind";

  /**
   * Tag key of {@link #RETENTION_DELETIONS} ({@code age}, {@code budget} or {@code free_space}) and
   * {@link #TAIL_DROPPED}.
   */
  public static final String TAG_REASON = "reason";

  private IndexMetrics() {}
}
