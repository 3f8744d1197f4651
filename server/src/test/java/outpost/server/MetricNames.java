package outpost.server;

/**
 * Prometheus names of the meters these tests read, as {@code /metrics} exposes them (Micrometer's
 * Prometheus naming: dots become underscores, the base unit and {@code _total} are appended). The
 * Micrometer names are spelled in {@code outpost.ingest.IngestMetrics}.
 */
final class MetricNames {
  static final String ACCEPTED = "outpost_ingest_accepted_messages_total";
  static final String MESSAGES = "outpost_ingest_messages_total";
  static final String PARSE_ERRORS = "outpost_ingest_parse_errors_messages_total";
  static final String DROPPED = "outpost_ingest_dropped_messages_total";
  static final String FRAMES_TRUNCATED = "outpost_ingest_frames_truncated_frames_total";
  static final String FRAMES_INVALID_OCTET_COUNT =
      "outpost_ingest_frames_invalid_octet_count_frames_total";
  static final String UDP_KERNEL_RCVBUF_ERRORS =
      "outpost_ingest_udp_kernel_rcvbuf_errors_datagrams_total";

  /** Documents added to Lucene by this process, journal replay included. */
  static final String INDEX_DOCUMENTS = "outpost_index_documents_total";

  /** 1 while the OpenSearch cluster answers the shipper, else 0. */
  static final String OPENSEARCH_REACHABLE = "outpost_opensearch_reachable";

  static final String OPENSEARCH_BULK_REQUESTS = "outpost_opensearch_bulk_requests_total";

  /** Journaled events not yet in the index (Lucene) or not yet shipped (OpenSearch). */
  static final String INDEX_LAG = "outpost_index_lag";

  private MetricNames() {}
}
