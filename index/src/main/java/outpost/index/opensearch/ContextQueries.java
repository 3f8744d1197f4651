package outpost.index.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import outpost.index.ContextRequest;
import outpost.index.EventContext;
import outpost.index.Schema;
import outpost.index.StoredEvent;

/**
 * The event context of the OpenSearch store: finds the event by id (in the daily index of the
 * hinted time first, then in all of them), then its neighbours from the same host (and app) by
 * position: indexed time, then id, before and after it. Same answers as the Lucene store's {@code
 * ContextSearcher}. Thread-safe.
 */
final class ContextQueries {
  private final OpenSearchQueries queries;
  private final String prefix;

  ContextQueries(OpenSearchQueries queries, String prefix) {
    this.queries = queries;
    this.prefix = prefix;
  }

  /** See {@link outpost.index.LogSearch#context}. */
  Optional<EventContext> context(ContextRequest r) {
    return queries.timed("context", () -> find(r));
  }

  private Optional<EventContext> find(ContextRequest r) {
    long hint = OpenSearchQueries.millis(r.timestamp(), false);
    JsonNode anchor = anchor(IndexSetup.indexName(prefix, hint), r.id());
    if (anchor == null) {
      anchor = anchor(IndexSetup.pattern(prefix), r.id());
    }
    if (anchor == null) {
      return Optional.empty();
    }
    JsonNode source = anchor.path("_source");
    long millis = source.path(Schema.TIMESTAMP).asLong();
    long id = source.path(EventJson.ID).asLong();
    List<ObjectNode> same = new ArrayList<>();
    same.add(sameValue(Schema.HOST, source.path(Schema.HOST)));
    if (r.sameApp()) {
      same.add(sameValue(Schema.APP, source.path(Schema.APP)));
    }
    List<StoredEvent> before = neighbours(same, millis, id, r.before(), "desc");
    return Optional.of(
        new EventContext(
            OpenSearchQueries.hit(anchor),
            before.reversed(),
            neighbours(same, millis, id, r.after(), "asc")));
  }

  private JsonNode anchor(String indices, long id) {
    ObjectNode body = OpenSearchQueries.node();
    body.put("size", 1);
    body.putObject("query").putObject("term").put(EventJson.ID, id);
    JsonNode hits = queries.search(indices, body).path("hits").path("hits");
    return hits.isEmpty() ? null : hits.get(0);
  }

  /** Events whose {@code field} is exactly {@code value}; without the field when it has none. */
  private static ObjectNode sameValue(String field, JsonNode value) {
    ObjectNode n = OpenSearchQueries.node();
    if (value.isMissingNode() || value.isNull()) {
      n.putObject("bool").putArray("must_not").addObject().putObject("exists").put("field", field);
    } else {
      n.putObject("term").put(field, value.asText());
    }
    return n;
  }

  /** Up to {@code n} events after the anchor in {@code order} (desc: before it, asc: after it). */
  private List<StoredEvent> neighbours(
      List<ObjectNode> same, long millis, long id, int n, String order) {
    List<StoredEvent> out = new ArrayList<>(n);
    if (n == 0) {
      return out;
    }
    ObjectNode body = OpenSearchQueries.node();
    body.put("size", n);
    ObjectNode bool = body.putObject("query").putObject("bool");
    ArrayNode filter = bool.putArray("filter");
    same.forEach(filter::add);
    ObjectNode range = filter.addObject().putObject("range").putObject(Schema.TIMESTAMP);
    range.put(order.equals("desc") ? "lte" : "gte", millis);
    ArrayNode sort = body.putArray("sort");
    sort.addObject().put(Schema.TIMESTAMP, order);
    sort.addObject().put(EventJson.ID, order);
    body.putArray("search_after").add(millis).add(id);
    for (JsonNode h : queries.search(IndexSetup.pattern(prefix), body).path("hits").path("hits")) {
      out.add(OpenSearchQueries.hit(h));
    }
    return out;
  }
}
