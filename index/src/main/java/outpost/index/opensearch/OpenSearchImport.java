package outpost.index.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import outpost.index.LogEvent;

/**
 * Writes events that already have a journal sequence number (from an embedded store being copied)
 * into the cluster the way the OpenSearch store's shipper does: the same index template, daily
 * index and document, and the id {@code nodeId << 48 | seq}, so writing an event twice overwrites
 * it and a node that later ships the same journal events collides with nothing. Retries what the
 * cluster refuses for the moment (429, 5xx, unreachable) up to {@link #MAX_RETRY}, then fails.
 *
 * <p>Not thread-safe: one copying thread. The caller closes it.
 */
public final class OpenSearchImport implements AutoCloseable {
  /** How long one bulk request is retried while the cluster refuses or cannot be reached. */
  public static final Duration MAX_RETRY = Duration.ofMinutes(2);

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");
  private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

  private final OpenSearchStoreConfig config;
  private final ClusterClient client;
  private final BulkSender sender;
  private final List<BulkSender.Item> buffer = new ArrayList<>();

  private OpenSearchImport(OpenSearchStoreConfig config, ClusterClient client, MeterRegistry r) {
    this.config = config;
    this.client = client;
    this.sender = new BulkSender(client, r);
  }

  /**
   * Connects and puts the index template (and the ISM policy when the cluster has the plugin).
   *
   * @throws IOException when the cluster cannot be reached or refuses the template
   */
  public static OpenSearchImport open(OpenSearchStoreConfig config, MeterRegistry registry)
      throws IOException {
    ClusterClient client = new ClusterClient(config.connection());
    try {
      new IndexSetup(client, config, registry).ensure();
      return new OpenSearchImport(config, client, registry);
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** The id event {@code seq} of node {@code nodeId} has in the cluster. */
  public static long eventId(int nodeId, long seq) {
    return EventJson.eventId(nodeId, seq);
  }

  /** Buffers one event, indexed under {@code indexedMillis}; sends when a bulk is full. */
  public void add(long seq, long indexedMillis, LogEvent event) throws IOException {
    buffer.add(
        new BulkSender.Item(
            seq,
            eventId(config.nodeId(), seq),
            IndexSetup.indexName(config.indexPrefix(), indexedMillis),
            event,
            indexedMillis,
            false));
    if (buffer.size() >= config.bulkEvents()) {
      flush();
    }
  }

  /** Sends what is buffered, retrying refusals that may pass later. */
  public void flush() throws IOException {
    List<BulkSender.Item> pending = List.copyOf(buffer);
    buffer.clear();
    long deadline = System.nanoTime() + MAX_RETRY.toNanos();
    Duration pause = FIRST_PAUSE;
    while (!pending.isEmpty()) {
      IOException failure = null;
      try {
        pending = sender.send(pending);
      } catch (IOException e) {
        failure = e;
      }
      if (pending.isEmpty()) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw failure != null
            ? failure
            : new IOException(pending.size() + " events still refused after " + MAX_RETRY);
      }
      sleep(pause);
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    }
  }

  private static void sleep(Duration pause) throws IOException {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to retry", e);
    }
  }

  /** Events the cluster refused for good (mapping conflicts), as the store counts them. */
  public long refused() {
    return sender.rejectedCount();
  }

  /** The last refusal, or empty. */
  public String lastRefusal() {
    return sender.lastRejection();
  }

  /**
   * Refreshes the daily indices, then counts per UTC day the documents whose ids are those of
   * sequence numbers {@code firstSeq..lastSeq} of this node.
   */
  public Map<LocalDate, Long> countPerDay(long firstSeq, long lastSeq) throws IOException {
    String pattern = IndexSetup.pattern(config.indexPrefix());
    client.expectOk("POST", "/" + pattern + "/_refresh", null);
    ObjectNode body = ClusterClient.JSON.createObjectNode();
    body.put("size", 0);
    body.putObject("query")
        .putObject("range")
        .putObject(EventJson.ID)
        .put("gte", eventId(config.nodeId(), firstSeq))
        .put("lte", eventId(config.nodeId(), lastSeq));
    body.putObject("aggs")
        .putObject("per_index")
        .putObject("terms")
        .put("field", "_index")
        .put("size", 10_000);
    JsonNode answer = client.expectOk("POST", "/" + pattern + "/_search", body);
    Map<LocalDate, Long> counts = new TreeMap<>();
    for (JsonNode b : answer.path("aggregations").path("per_index").path("buckets")) {
      String index = b.path("key").asText();
      String day = index.substring(config.indexPrefix().length() + 1);
      try {
        counts.merge(LocalDate.parse(day, DAY), b.path("doc_count").asLong(), Long::sum);
      } catch (DateTimeParseException e) {
        // another prefix that starts with this one (outpost-logs-eu-*): not ours
      }
    }
    return counts;
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
