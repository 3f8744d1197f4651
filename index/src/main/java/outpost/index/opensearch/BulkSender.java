package outpost.index.opensearch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.IndexMetrics;
import outpost.index.LogEvent;

/**
 * Sends one {@code _bulk} request of index operations with explicit ids (a resend overwrites, never
 * duplicates) and sorts the answer per item: done, to be sent again (429, 5xx, a cluster block, a
 * missing index), or refused. A document the mapping refuses (e.g. an extracted field whose name
 * clashes with an object of another event) is sent again once with its extracted fields unindexed;
 * refused again, it is counted and logged with its id and dropped from the pipeline (the journal
 * keeps it until its segment is deleted).
 *
 * <p>Not thread-safe: the shipper thread owns it.
 */
final class BulkSender {
  private static final Logger log = LoggerFactory.getLogger(BulkSender.class);

  /** Per-item error types that resending may cure. */
  private static final Set<String> TRANSIENT_TYPES =
      Set.of(
          "cluster_block_exception",
          "index_not_found_exception",
          "unavailable_shards_exception",
          "process_cluster_event_timeout_exception");

  /** Daily index names remembered as existing (more are forgotten and checked again). */
  private static final int MAX_REMEMBERED_INDICES = 1_000;

  /** One event on its way. */
  record Item(long seq, long id, String index, LogEvent event, long millis, boolean degraded) {
    Item degrade() {
      return new Item(seq, id, index, event, millis, true);
    }
  }

  /** A bulk request refused as a whole (429, 5xx, 4xx). */
  static final class BulkFailure extends IOException {
    final int status;

    BulkFailure(int status, String reason) {
      super("bulk request refused: " + reason);
      this.status = status;
    }
  }

  private final ClusterClient client;
  private final EventJson json = new EventJson();
  private final Set<String> created = new java.util.HashSet<>();
  private final Counter requests;
  private final Counter failures;
  private final Counter retried;
  private final Counter rejected;
  private volatile long rejectedCount;
  private volatile String lastRejection = "";
  private String lastRetryReason = "";

  BulkSender(ClusterClient client, MeterRegistry registry) {
    this.client = client;
    this.requests = registry.counter(IndexMetrics.OPENSEARCH_BULK_REQUESTS);
    this.failures = registry.counter(IndexMetrics.OPENSEARCH_BULK_FAILURES);
    this.retried = registry.counter(IndexMetrics.OPENSEARCH_RETRIED_EVENTS);
    this.rejected = registry.counter(IndexMetrics.OPENSEARCH_REJECTED_EVENTS);
  }

  /**
   * Sends {@code items}.
   *
   * @return the items to send again (empty when all are done or refused for good)
   * @throws IOException when the cluster cannot be reached or refuses the whole request
   */
  List<Item> send(List<Item> items) throws IOException {
    createIndices(items);
    requests.increment();
    ClusterClient.Reply reply;
    try {
      reply = client.call("POST", "/_bulk", Map.of(), body(items));
    } catch (IOException e) {
      failures.increment();
      throw e;
    }
    if (!reply.ok()) {
      failures.increment();
      throw new BulkFailure(reply.status(), reply.reason());
    }
    if (!reply.body().path("errors").asBoolean(false)) {
      return List.of();
    }
    JsonNode results = reply.body().path("items");
    List<Item> again = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode r = results.path(i).path("index");
      int status = r.path("status").asInt(500);
      if (status < 300) {
        continue;
      }
      Item item = items.get(i);
      String type = r.path("error").path("type").asText("");
      if (status == 429 || status >= 500 || TRANSIENT_TYPES.contains(type)) {
        again.add(item);
        lastRetryReason = status + " " + type + ": " + r.path("error").path("reason").asText("");
      } else if (!item.degraded()) {
        log.warn(
            "event {} refused by OpenSearch ({} {}); sending it again with its extracted fields"
                + " unindexed",
            item.id(),
            status,
            type);
        again.add(item.degrade());
      } else {
        refuse(item, status + " " + type + ": " + r.path("error").path("reason").asText(""));
      }
    }
    retried.increment(again.size());
    return again;
  }

  /**
   * Creates the daily indices {@code items} go to that this sender has not seen yet, waiting for
   * their primaries: a bulk would create them too, but a search in between would find an index
   * whose shards are still starting and fail.
   */
  private void createIndices(List<Item> items) throws IOException {
    for (Item item : items) {
      String index = item.index();
      if (created.contains(index)) {
        continue;
      }
      ClusterClient.Reply r = client.call("PUT", "/" + index, null);
      String type = r.body().path("error").path("type").asText("");
      if (!r.ok() && !type.equals("resource_already_exists_exception")) {
        throw new BulkFailure(r.status(), "creating index " + index + ": " + r.reason());
      }
      if (created.size() >= MAX_REMEMBERED_INDICES) {
        created.clear();
      }
      created.add(index);
    }
  }

  private void refuse(Item item, String reason) {
    rejected.increment();
    rejectedCount++;
    lastRejection = "event " + item.id() + ": " + reason;
    log.error("event {} refused by OpenSearch, it is not searchable: {}", item.id(), reason);
  }

  private byte[] body(List<Item> items) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(items.size() * 512);
    try (JsonGenerator g = ClusterClient.JSON.createGenerator(out)) {
      g.setRootValueSeparator(null); // NDJSON: one value per line, nothing between
      for (Item item : items) {
        g.writeStartObject();
        g.writeObjectFieldStart("index");
        g.writeStringField("_index", item.index());
        g.writeStringField("_id", Long.toString(item.id()));
        g.writeEndObject();
        g.writeEndObject();
        g.writeRaw('\n');
        ObjectNode doc = json.write(item.id(), item.millis(), item.event(), !item.degraded());
        g.writeTree(doc);
        g.writeRaw('\n');
      }
    }
    return out.toByteArray();
  }

  /** Why the last {@link #send} returned items to send again (status, type, reason). */
  String lastRetryReason() {
    return lastRetryReason;
  }

  /** Events refused for good since the start. */
  long rejectedCount() {
    return rejectedCount;
  }

  /** The last refusal (event id and reason), or empty. */
  String lastRejection() {
    return lastRejection;
  }
}
