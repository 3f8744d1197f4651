package outpost.index.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import outpost.index.FieldName;
import outpost.index.Schema;
import outpost.index.lucene.FieldCatalog;
import outpost.index.lucene.IndexFields;

/**
 * The searchable fields of the daily indices overlapping a time range, from {@code _field_caps},
 * named and typed as the Lucene store's field list does (internal fields left out). Thread-safe.
 */
final class OpenSearchFields {
  /** Fields Outpost itself fills: counting them never fails, even before any event has them. */
  private static final Set<String> ACCESS_LOG_FIELDS =
      Set.of(
          Schema.CLIENT_IP,
          Schema.USER,
          Schema.METHOD,
          Schema.PATH,
          Schema.PROTOCOL,
          Schema.REFERER,
          Schema.USER_AGENT,
          Schema.VHOST);

  private static final Set<String> INTERNAL =
      Set.of(
          EventJson.ID,
          EventJson.PATH_BASE,
          EventJson.OUTPOST,
          IndexFields.SEVERITY_CODE,
          Schema.RAW,
          Schema.RECEIVED);

  private final ClusterClient client;
  private final OpenSearchQueries queries;

  OpenSearchFields(ClusterClient client, OpenSearchQueries queries) {
    this.client = client;
    this.queries = queries;
  }

  static boolean isStandardFacet(String field) {
    return IndexFields.KEYWORD_FIELDS.contains(field)
        || Schema.NUMERIC_FIELDS.contains(field)
        || ACCESS_LOG_FIELDS.contains(field);
  }

  /** See {@link outpost.index.LogSearch#fields}. */
  List<FieldName> fields(Instant from, Instant to) {
    Map<String, String> types = new TreeMap<>();
    types.put(Schema.TIMESTAMP, FieldCatalog.TIME);
    types.put(Schema.MESSAGE, FieldCatalog.TEXT);
    IndexFields.KEYWORD_FIELDS.forEach(f -> types.put(f, FieldCatalog.KEYWORD));
    String indices =
        queries.indices(OpenSearchQueries.millis(from, false), OpenSearchQueries.millis(to, true));
    for (Iterator<Map.Entry<String, JsonNode>> it = caps(indices, "*").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String type = type(e.getKey(), e.getValue());
      if (type != null) {
        types.putIfAbsent(e.getKey(), type);
      }
    }
    return types.entrySet().stream().map(e -> new FieldName(e.getKey(), e.getValue())).toList();
  }

  private static String type(String name, JsonNode byType) {
    if (name.startsWith("_")
        || INTERNAL.contains(name)
        || name.startsWith(EventJson.OUTPOST + ".")) {
      return null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = byType.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> t = it.next();
      if (!t.getValue().path("searchable").asBoolean(false)) {
        continue;
      }
      switch (t.getKey()) {
        case "date":
          return FieldCatalog.TIME;
        case "text":
          return FieldCatalog.TEXT;
        case "keyword":
          return FieldCatalog.KEYWORD;
        case "long", "integer", "short", "byte":
          return FieldCatalog.NUMERIC;
        default:
          break;
      }
    }
    return null;
  }

  /** Whether some index in {@code indices} has {@code field} with values to count. */
  boolean aggregatable(String indices, String field) {
    JsonNode byType = caps(indices, field).path(field);
    for (JsonNode t : byType) {
      if (t.path("aggregatable").asBoolean(false)) {
        return true;
      }
    }
    return false;
  }

  private JsonNode caps(String indices, String fields) {
    try {
      ClusterClient.Reply r =
          client.call(
              "GET",
              "/" + indices + "/_field_caps",
              Map.of("fields", fields, "ignore_unavailable", "true", "allow_no_indices", "true"),
              null);
      if (!r.ok()) {
        throw new IOException("OpenSearch field list failed: " + r.reason());
      }
      return r.body().path("fields");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
