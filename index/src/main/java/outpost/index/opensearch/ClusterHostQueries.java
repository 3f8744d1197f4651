package outpost.index.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opensearch.client.transport.httpclient5.ResponseException;
import outpost.index.HostDirectory;
import outpost.index.HostInfo;
import outpost.index.Schema;
import outpost.index.hosts.HostDecision;
import outpost.index.hosts.HostFacts;
import outpost.index.hosts.HostRegistry;

/**
 * The host directory's questions to OpenSearch: per host, over the log indices, the first and last
 * receive time, the last goodbye and the last other message, the count, apps and (for the recent
 * window) counts per minute, as a composite aggregation on {@code host} paged {@link #PAGE_HOSTS}
 * hosts at a time; and the shared decisions index {@code <prefix>.hosts} (one document per host, id
 * the host name, version the decision's time with {@code external_gte} versioning, so the cluster
 * itself keeps the newer of two decisions). The dot keeps it out of {@code <prefix>-*}.
 *
 * <p>Thread-safe (stateless but for the transport).
 */
final class ClusterHostQueries {
  /** Hosts per composite page when per-minute counts are asked for (61 buckets each at most). */
  static final int PAGE_HOSTS = 250;

  /** Hosts per page without them. */
  static final int PAGE_HOSTS_TOTALS = 1000;

  private static final ObjectMapper JSON = ClusterClient.JSON;
  private static final Map<String, String> LENIENT =
      Map.of("ignore_unavailable", "true", "allow_no_indices", "true");

  private final ClusterClient client;
  private final String logIndices;
  private final String decisionsIndex;
  private volatile boolean decisionsIndexReady;

  /**
   * @param logIndices the log indices to aggregate, e.g. {@code outpost-logs-*}
   * @param decisionsIndex e.g. {@code outpost-logs.hosts}
   */
  ClusterHostQueries(ClusterClient client, String logIndices, String decisionsIndex) {
    this.client = client;
    this.logIndices = logIndices;
    this.decisionsIndex = decisionsIndex;
  }

  /** The decisions index for a store whose daily indices are {@code <prefix>-...}. */
  static String decisionsIndex(String prefix) {
    return prefix + ".hosts";
  }

  /**
   * What the cluster knows of every host that logged at or after {@code fromMillis} ({@link
   * HostFacts#NONE}: in every retained index), at most {@link HostDirectory#MAX_HOSTS}.
   */
  List<HostFacts> facts(long fromMillis, boolean perMinute) throws IOException {
    List<HostFacts> out = new ArrayList<>();
    JsonNode after = null;
    do {
      ObjectNode body = factsRequest(fromMillis, perMinute, after);
      JsonNode hosts =
          ok(send("POST", "/" + logIndices + "/_search", LENIENT, bytes(body)), "hosts")
              .path("aggregations")
              .path("hosts");
      for (JsonNode b : hosts.path("buckets")) {
        HostFacts f = facts(b);
        if (f != null) {
          out.add(f);
        }
      }
      after = hosts.path("buckets").isEmpty() ? null : hosts.get("after_key");
    } while (after != null && out.size() < HostDirectory.MAX_HOSTS);
    return out;
  }

  private static ObjectNode factsRequest(long fromMillis, boolean perMinute, JsonNode after) {
    ObjectNode body = JSON.createObjectNode().put("size", 0).put("track_total_hits", false);
    if (fromMillis != HostFacts.NONE) {
      body.putObject("query")
          .putObject("range")
          .putObject(Schema.RECEIVED)
          .put("gte", fromMillis)
          .put("format", "epoch_millis");
    }
    ObjectNode hosts = body.putObject("aggs").putObject("hosts");
    ObjectNode composite = hosts.putObject("composite");
    composite.put("size", perMinute ? PAGE_HOSTS : PAGE_HOSTS_TOTALS);
    composite
        .putArray("sources")
        .addObject()
        .putObject("host")
        .putObject("terms")
        .put("field", Schema.HOST);
    if (after != null) {
      composite.set("after", after);
    }
    ObjectNode aggs = hosts.putObject("aggs");
    aggs.set("first", metric("min"));
    aggs.set("last", metric("max"));
    ObjectNode goodbye = aggs.putObject("goodbye");
    goodbye.putObject("filter").set("bool", JSON.createObjectNode().set("filter", isGoodbye()));
    goodbye.putObject("aggs").set("last", metric("max"));
    ObjectNode active = aggs.putObject("active");
    ObjectNode notGoodbye = active.putObject("filter").putObject("bool");
    notGoodbye.putObject("must_not").putObject("bool").set("filter", isGoodbye());
    active.putObject("aggs").set("last", metric("max"));
    aggs.putObject("apps")
        .putObject("terms")
        .put("field", Schema.APP)
        .put("size", HostInfo.MAX_APPS);
    if (perMinute) {
      aggs.putObject("minutes")
          .putObject("date_histogram")
          .put("field", Schema.RECEIVED)
          .put("fixed_interval", "1m")
          .put("min_doc_count", 1);
    }
    return body;
  }

  private static ObjectNode metric(String kind) {
    ObjectNode m = JSON.createObjectNode();
    m.putObject(kind).put("field", Schema.RECEIVED);
    return m;
  }

  private static ArrayNode isGoodbye() {
    ArrayNode terms = JSON.createArrayNode();
    terms.addObject().putObject("term").put(Schema.APP, HostFacts.AGENT_APP);
    terms.addObject().putObject("term").put(Schema.MSG_ID, HostFacts.GOODBYE_MSGID);
    return terms;
  }

  /**
   * One bucket; null for names the directory does not track (empty or too long) and for hosts whose
   * documents have no receive time.
   */
  private static HostFacts facts(JsonNode b) {
    String name = b.path("key").path("host").asText("");
    long count = b.path("doc_count").asLong();
    if (name.isEmpty() || name.length() > HostRegistry.MAX_NAME_CHARS || count < 1) {
      return null;
    }
    List<String> apps = new ArrayList<>();
    for (JsonNode a : b.path("apps").path("buckets")) {
      String app = a.path("key").asText("");
      if (!app.isEmpty() && app.length() <= HostRegistry.MAX_NAME_CHARS) {
        apps.add(app);
      }
    }
    long first = millis(b.path("first"));
    long last = millis(b.path("last"));
    if (last == HostFacts.NONE) {
      return null; // only documents shipped before they carried a receive time
    }
    Map<Long, Long> minutes = new HashMap<>();
    for (JsonNode m : b.path("minutes").path("buckets")) {
      minutes.put(Math.floorDiv(m.path("key").asLong(), 60_000L), m.path("doc_count").asLong());
    }
    return new HostFacts(
        name,
        first,
        last,
        millis(b.path("active").path("last")),
        millis(b.path("goodbye").path("last")),
        count,
        apps,
        minutes);
  }

  private static long millis(JsonNode metric) {
    JsonNode v = metric.path("value");
    return v.isNumber() ? (long) v.asDouble() : HostFacts.NONE;
  }

  /** The newest decision per host, at most {@link HostDirectory#MAX_HOSTS} (newest first). */
  Map<String, HostDecision> decisions() throws IOException {
    ObjectNode body = JSON.createObjectNode().put("size", HostDirectory.MAX_HOSTS);
    body.putArray("sort").addObject().put("at", "desc");
    JsonNode hits =
        ok(send("POST", "/" + decisionsIndex + "/_search", LENIENT, bytes(body)), "host decisions")
            .path("hits");
    Map<String, HostDecision> out = new LinkedHashMap<>();
    for (JsonNode h : hits.path("hits")) {
      JsonNode s = h.path("_source");
      try {
        HostDecision d =
            new HostDecision(
                s.path("host").asText(""),
                HostDecision.Kind.valueOf(s.path("kind").asText("").toUpperCase(Locale.ROOT)),
                s.path("at").asLong());
        out.putIfAbsent(d.host(), d);
      } catch (IllegalArgumentException e) {
        // a document someone else wrote; it decides nothing
      }
    }
    return out;
  }

  /**
   * Stores a decision unless a newer one for the host is there.
   *
   * @return false when a newer decision was already stored (it wins)
   */
  boolean record(HostDecision d) throws IOException {
    ensureDecisionsIndex();
    ObjectNode doc =
        JSON.createObjectNode()
            .put("host", d.host())
            .put("kind", d.kind().name().toLowerCase(Locale.ROOT))
            .put("at", d.atMillis());
    String id = URLEncoder.encode(d.host(), StandardCharsets.UTF_8).replace("+", "%20");
    ClusterClient.Reply r =
        send(
            "PUT",
            "/" + decisionsIndex + "/_doc/" + id,
            Map.of(
                "version_type", "external_gte",
                "version", Long.toString(Math.max(0, d.atMillis())),
                "refresh", "true"),
            bytes(doc));
    if (r.status() == 409) {
      return false; // version conflict: a newer decision is stored
    }
    ok(r, "host decision");
    return true;
  }

  /** Every answer as a reply: the transport throws on error statuses, which are answers here. */
  private ClusterClient.Reply send(
      String method, String endpoint, Map<String, String> params, byte[] body) throws IOException {
    try {
      return client.call(method, endpoint, params, body);
    } catch (ResponseException e) {
      return new ClusterClient.Reply(e.status(), JSON.getNodeFactory().textNode(e.getMessage()));
    }
  }

  private ClusterClient.Reply send(String method, String endpoint, JsonNode body)
      throws IOException {
    return send(method, endpoint, Map.of(), bytes(body));
  }

  private static byte[] bytes(JsonNode body) throws IOException {
    return JSON.writeValueAsBytes(body);
  }

  private static JsonNode ok(ClusterClient.Reply r, String what) throws IOException {
    if (!r.ok()) {
      throw new IOException("OpenSearch refused the " + what + " request: " + reason(r));
    }
    return r.body();
  }

  private static String reason(ClusterClient.Reply r) {
    String text = r.body().isTextual() ? r.body().asText() : r.reason();
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  private void ensureDecisionsIndex() throws IOException {
    if (decisionsIndexReady) {
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    body.putObject("settings")
        .put("index.number_of_shards", 1)
        .put("index.auto_expand_replicas", "0-1");
    ObjectNode props = body.putObject("mappings").put("dynamic", "strict").putObject("properties");
    props.putObject("host").put("type", "keyword");
    props.putObject("kind").put("type", "keyword");
    props.putObject("at").put("type", "date").put("format", "epoch_millis");
    ClusterClient.Reply r = send("PUT", "/" + decisionsIndex, body);
    if (!r.ok() && !r.body().toString().contains("resource_already_exists_exception")) {
      throw new IOException("cannot create index " + decisionsIndex + ": " + reason(r));
    }
    decisionsIndexReady = true;
  }
}
