package outpost.index.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.IndexMetrics;
import outpost.index.RetentionDeletion;
import outpost.index.Schema;
import outpost.index.lucene.IndexFields;
import outpost.index.lucene.LogTokenizer;

/**
 * Creates what the daily indices need and removes what retention no longer keeps.
 *
 * <p><b>Template.</b> A composable index template {@code <prefix>} for {@code <prefix>-*}: the
 * mapping of the Lucene schema (keywords with doc values, numeric fields as longs, {@code message}
 * analyzed by a pattern tokenizer that splits like {@link LogTokenizer}, {@code raw} kept in the
 * source only), sorted by {@code @timestamp} then id, newest first, {@code best_compression},
 * shards, replicas and refresh interval from the configuration. Put (created or updated) before the
 * first bulk: an index auto-created without it would get dynamic mappings.
 *
 * <p><b>Retention.</b> {@link #deleteExpired} deletes daily indices whose day is entirely older
 * than the retention period (the Lucene store's age rule; disk budgets are the cluster's business:
 * its disk watermarks). This works on every cluster. When the cluster has the Index State
 * Management plugin ({@code opensearch-index-management} in {@code _cat/plugins}), {@link #ensure}
 * also puts an ISM policy {@code <prefix>-retention} (a {@code hot} state that moves to a {@code
 * delete} state once the index is older than the retention period), attached to new daily indices
 * through its {@code ism_template} (the policy-id index setting is deprecated), so the cluster
 * keeps deleting even while no Outpost node runs.
 *
 * <p>Not thread-safe: the shipper thread owns it.
 */
final class IndexSetup {
  private static final Logger log = LoggerFactory.getLogger(IndexSetup.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");
  static final String ISM_PLUGIN = "opensearch-index-management";

  /** Pattern tokenizer equal to {@link LogTokenizer}: word runs joined by inner . or -. */
  static final String TOKEN_PATTERN =
      "[\\p{L}\\p{Nd}_\\x{10000}-\\x{10FFFF}]+(?:[.-][\\p{L}\\p{Nd}_\\x{10000}-\\x{10FFFF}]+)*";

  private final ClusterClient client;
  private final OpenSearchStoreConfig config;
  private final MeterRegistry registry;
  private final Deque<RetentionDeletion> recent = new ArrayDeque<>();
  private volatile boolean ism;

  IndexSetup(ClusterClient client, OpenSearchStoreConfig config, MeterRegistry registry) {
    this.client = client;
    this.config = config;
    this.registry = registry;
  }

  /** The daily index of {@code millis}: {@code <prefix>-YYYY.MM.DD} of its UTC day. */
  static String indexName(String prefix, long millis) {
    return prefix + "-" + DAY.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
  }

  /** The pattern of all daily indices. */
  static String pattern(String prefix) {
    return prefix + "-*";
  }

  /** Whether the cluster has ISM (known after {@link #ensure}). */
  boolean ism() {
    return ism;
  }

  /** Puts the index template, and the ISM policy when the plugin is there. */
  void ensure() throws IOException {
    JsonNode plugins = client.expectOk("GET", "/_cat/plugins?format=json", null);
    ism = false;
    for (JsonNode p : plugins) {
      ism |= ISM_PLUGIN.equals(p.path("component").asText());
    }
    if (ism) {
      putPolicy();
    }
    client.expectOk("PUT", "/_index_template/" + config.indexPrefix(), template());
  }

  ObjectNode template() {
    ObjectNode t = ClusterClient.JSON.createObjectNode();
    t.putArray("index_patterns").add(pattern(config.indexPrefix()));
    t.put("priority", 200);
    t.putObject("_meta").put("managed_by", "outpost");
    ObjectNode template = t.putObject("template");
    template.set("settings", settings());
    template.set("mappings", mappings());
    return t;
  }

  private ObjectNode settings() {
    ObjectNode s = ClusterClient.JSON.createObjectNode();
    ObjectNode index = s.putObject("index");
    index.put("number_of_shards", config.shards());
    index.put("number_of_replicas", config.replicas());
    index.put("refresh_interval", config.local().refreshInterval().toMillis() + "ms");
    index.put("codec", "best_compression");
    ObjectNode sort = index.putObject("sort");
    sort.putArray("field").add(Schema.TIMESTAMP).add(EventJson.ID);
    sort.putArray("order").add("desc").add("desc");
    // extracted names are bounded per node (EventDocument.MAX_FIELD_NAMES) plus the built-in ones
    index.putObject("mapping").putObject("total_fields").put("limit", 2_000);
    ObjectNode analysis = s.putObject("analysis");
    analysis
        .putObject("tokenizer")
        .putObject("outpost_log")
        .put("type", "pattern")
        .put("pattern", TOKEN_PATTERN)
        .put("group", 0);
    analysis
        .putObject("filter")
        .putObject("outpost_cut")
        .put("type", "truncate")
        .put("length", LogTokenizer.MAX_TOKEN_CHARS);
    ObjectNode analyzer = analysis.putObject("analyzer").putObject("outpost_log");
    analyzer.put("type", "custom").put("tokenizer", "outpost_log");
    analyzer.putArray("filter").add("lowercase").add("outpost_cut");
    return s;
  }

  private static ObjectNode mappings() {
    ObjectNode m = ClusterClient.JSON.createObjectNode();
    m.put("dynamic", true);
    m.put("date_detection", false);
    m.put("numeric_detection", false);
    ArrayNode templates = m.putArray("dynamic_templates");
    // mapped once an event has them, so the field list shows only fields with values (as Lucene's)
    ObjectNode numeric = templates.addObject().putObject("numeric_fields");
    numeric.put("match_pattern", "regex");
    numeric.put("match", "^(" + String.join("|", new TreeSet<>(IndexFields.NUMERIC_FIELDS)) + ")$");
    numeric.putObject("mapping").put("type", "long");
    ObjectNode strings = templates.addObject().putObject("extracted_keywords");
    strings.put("match_mapping_type", "string");
    strings.putObject("mapping").put("type", "keyword");
    ObjectNode p = m.putObject("properties");
    p.putObject(Schema.TIMESTAMP).put("type", "date").put("format", "epoch_millis");
    // when this node took it: the cluster-wide host directory aggregates it (ClusterHostQueries)
    p.putObject(Schema.RECEIVED).put("type", "date").put("format", "epoch_millis");
    p.putObject(EventJson.ID).put("type", "long");
    p.putObject(Schema.MESSAGE)
        .put("type", "text")
        .put("analyzer", "outpost_log")
        .put("norms", false); // results are sorted by time, never scored
    p.putObject(Schema.RAW).put("type", "keyword").put("index", false).put("doc_values", false);
    for (String k : IndexFields.KEYWORD_FIELDS) {
      p.putObject(k).put("type", "keyword");
    }
    p.putObject(IndexFields.SEVERITY_CODE).put("type", "long");
    p.putObject(EventJson.PATH_BASE).put("type", "keyword").put("doc_values", false);
    p.putObject(EventJson.OUTPOST).put("type", "object").put("enabled", false);
    return m;
  }

  private void putPolicy() throws IOException {
    String endpoint = "/_plugins/_ism/policies/" + config.indexPrefix() + "-retention";
    ClusterClient.Reply existing = client.call("GET", endpoint, null);
    ObjectNode body = ClusterClient.JSON.createObjectNode();
    ObjectNode policy = body.putObject("policy");
    policy.put("description", "Outpost: delete daily indices after the retention period");
    policy.put("default_state", "hot");
    ArrayNode states = policy.putArray("states");
    ObjectNode hot = states.addObject().put("name", "hot");
    hot.putArray("actions");
    hot.putArray("transitions")
        .addObject()
        .put("state_name", "delete")
        .putObject("conditions")
        .put("min_index_age", config.local().retention().toMinutes() + "m");
    ObjectNode delete = states.addObject().put("name", "delete");
    delete.putArray("actions").addObject().putObject("delete");
    delete.putArray("transitions");
    ObjectNode attach = policy.putArray("ism_template").addObject();
    attach.putArray("index_patterns").add(pattern(config.indexPrefix()));
    attach.put("priority", 100);
    String query = "";
    if (existing.ok()) {
      query =
          "?if_seq_no="
              + existing.body().path("_seq_no").asLong()
              + "&if_primary_term="
              + existing.body().path("_primary_term").asLong();
    }
    client.expectOk("PUT", endpoint + query, body);
  }

  /** Deletes the daily indices entirely older than the retention period at {@code now}. */
  List<String> deleteExpired(Instant now) throws IOException {
    Duration maxAge = config.local().retention();
    LocalDate oldestKept = now.minus(maxAge).atOffset(ZoneOffset.UTC).toLocalDate();
    ClusterClient.Reply r =
        client.call(
            "GET",
            "/_cat/indices/" + pattern(config.indexPrefix()),
            Map.of("format", "json", "h", "index,store.size", "bytes", "b"),
            null);
    if (!r.ok()) {
      throw new IOException("listing indices: " + r.reason());
    }
    List<String> deleted = new ArrayList<>();
    for (JsonNode i : r.body()) {
      String name = i.path("index").asText();
      LocalDate day = day(name);
      if (day != null && day.isBefore(oldestKept)) {
        client.expectOk("DELETE", "/" + name, null);
        log.info("retention deleted index {}", name);
        registry
            .counter(IndexMetrics.RETENTION_DELETIONS, IndexMetrics.TAG_REASON, "age")
            .increment();
        remember(new RetentionDeletion(day, "age", i.path("store.size").asLong(0), now));
        deleted.add(name);
      }
    }
    return deleted;
  }

  private LocalDate day(String index) {
    String suffix = index.substring(config.indexPrefix().length() + 1);
    try {
      return LocalDate.parse(suffix, DAY);
    } catch (DateTimeParseException e) {
      return null; // not one of ours (another prefix sharing this one's start)
    }
  }

  private void remember(RetentionDeletion d) {
    synchronized (recent) {
      recent.addFirst(d);
      while (recent.size() > outpost.index.lucene.Retention.RECENT_DELETIONS) {
        recent.removeLast();
      }
    }
  }

  /** The last deletions, newest first. */
  List<RetentionDeletion> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }
}
