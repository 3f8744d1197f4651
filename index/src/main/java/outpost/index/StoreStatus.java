package outpost.index;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of the store for {@code /health}. Immutable.
 *
 * <p>Field names come from the embedded store; the OpenSearch store fills them by analogy: daily
 * indices for partitions, shipped for indexed, the shipping checkpoint for committed.
 *
 * @param partitions day partitions on disk
 * @param openPartitions day partitions currently open
 * @param documents documents in the index (committed or refreshed)
 * @param indexBytes bytes of all partitions
 * @param journalBytes bytes of the journal segments
 * @param journaledSeq sequence number of the last durable event
 * @param indexedSeq sequence number of the last event added to Lucene
 * @param committedSeq all events up to this one are in a Lucene commit
 * @param indexingLag {@code journaledSeq - indexedSeq}
 * @param lastCommit time of the last Lucene commit, or null before the first
 * @param writable whether appends are accepted (false while the disk is full)
 * @param pausedReason why appends are refused, or empty
 * @param deletions the last partitions deleted by retention, newest first
 * @param journalTruncations corrupt journal tails cut off at the last start
 * @param backend where events are indexed: {@link #LUCENE} or {@link #OPENSEARCH}
 * @param backendError why the back end cannot take or serve events right now (e.g. OpenSearch
 *     unreachable, and the error), or empty; appends may still be accepted into the journal
 * @param backendRejected events the back end refused for good since the start (OpenSearch: a
 *     mapping conflict even with the extracted fields unindexed); they stay only in the journal
 */
public record StoreStatus(
    int partitions,
    int openPartitions,
    long documents,
    long indexBytes,
    long journalBytes,
    long journaledSeq,
    long indexedSeq,
    long committedSeq,
    long indexingLag,
    Instant lastCommit,
    boolean writable,
    String pausedReason,
    List<RetentionDeletion> deletions,
    List<String> journalTruncations,
    String backend,
    String backendError,
    long backendRejected) {
  /** {@link #backend} of the embedded store. */
  public static final String LUCENE = "lucene";

  /** {@link #backend} of the OpenSearch store. */
  public static final String OPENSEARCH = "opensearch";

  public StoreStatus {
    java.util.Objects.requireNonNull(backend, "backend");
    backendError = java.util.Objects.requireNonNullElse(backendError, "");
    deletions = List.copyOf(deletions);
    journalTruncations = List.copyOf(journalTruncations);
  }
}
