package outpost.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import outpost.index.ContextRequest;
import outpost.index.EventContext;
import outpost.index.FacetRequest;
import outpost.index.Facets;
import outpost.index.FieldName;
import outpost.index.FieldStats;
import outpost.index.Highlighter;
import outpost.index.Histogram;
import outpost.index.HistogramRequest;
import outpost.index.LogEvent;
import outpost.index.LogSearch;
import outpost.index.QueryException;
import outpost.index.SearchPage;
import outpost.index.SearchRequest;
import outpost.index.StatsRequest;
import outpost.index.StoredEvent;
import outpost.index.TopRequest;

/**
 * An in-memory {@link LogSearch} over the events added with {@link #add}; queries as {@link
 * FakeQuery} understands them, a query containing {@value FakeQuery#BAD} fails to parse and one
 * containing {@value FakeQuery#FAIL} fails like a broken store. Cursors are {@code offset:N}.
 * Remembers every request it was given. Thread-safe.
 */
final class FakeLogSearch implements LogSearch {
  static final String BAD = FakeQuery.BAD;
  static final String FAIL = FakeQuery.FAIL;
  static final String FAILURE_DETAIL = FakeQuery.FAILURE_DETAIL;
  static final String PARSE_ERROR = FakeQuery.PARSE_ERROR;

  private final List<StoredEvent> events = new CopyOnWriteArrayList<>();
  final List<Object> requests = new CopyOnWriteArrayList<>();
  final List<FieldName> fieldNames = new CopyOnWriteArrayList<>();

  /** When set, every call fails like a broken store. */
  volatile boolean failAll;

  void add(long id, LogEvent event) {
    events.add(new StoredEvent(id, event));
  }

  private List<StoredEvent> matching(String query, Instant from, Instant to) {
    FakeQuery q = FakeQuery.parse(failAll ? FAIL : query);
    return events.stream()
        .filter(e -> !e.event().timestamp().isBefore(from) && e.event().timestamp().isBefore(to))
        .filter(q::matches)
        .sorted(Comparator.comparing((StoredEvent e) -> e.event().timestamp()).reversed())
        .toList();
  }

  @Override
  public SearchPage search(SearchRequest request) {
    requests.add(request);
    List<StoredEvent> all = matching(request.query(), request.from(), request.to());
    int offset = request.after().isEmpty() ? 0 : Integer.parseInt(request.after().substring(7));
    int end = Math.min(all.size(), offset + request.limit());
    String next = end < all.size() ? "offset:" + end : "";
    return new SearchPage(all.size(), all.subList(Math.min(offset, end), end), next);
  }

  @Override
  public Histogram histogram(HistogramRequest request) {
    requests.add(request);
    List<StoredEvent> all = matching(request.query(), request.from(), request.to());
    Duration interval = Duration.between(request.from(), request.to()).dividedBy(request.buckets());
    List<Histogram.Bucket> buckets = new ArrayList<>();
    for (int i = 0; i < request.buckets(); i++) {
      var start = request.from().plus(interval.multipliedBy(i));
      var end = start.plus(interval);
      long count =
          all.stream()
              .filter(e -> !e.event().timestamp().isBefore(start))
              .filter(e -> e.event().timestamp().isBefore(end))
              .count();
      buckets.add(new Histogram.Bucket(start, count));
    }
    return new Histogram(interval, buckets);
  }

  @Override
  public Facets facets(FacetRequest request) {
    requests.add(request);
    List<StoredEvent> all = matching(request.query(), request.from(), request.to());
    boolean known =
        List.of(
                    "host",
                    "app",
                    "severity",
                    "facility",
                    "status",
                    "bytes",
                    "duration",
                    "client_ip",
                    "user",
                    "method",
                    "path",
                    "protocol",
                    "referer",
                    "user_agent",
                    "vhost")
                .contains(request.field())
            || matching("", request.from(), request.to()).stream()
                .anyMatch(e -> e.event().fields().containsKey(request.field()));
    if (!known) {
      // as the Lucene store: a field no event in range has is unknown, unless Outpost fills it
      throw new QueryException("unknown field '" + request.field() + "'");
    }
    Map<String, Long> counts = new HashMap<>();
    long missing = 0;
    for (StoredEvent e : all) {
      String value = FakeQuery.value(e.event(), request.field());
      if (value == null || value.isEmpty()) {
        missing++;
      } else {
        counts.merge(value, 1L, Long::sum);
      }
    }
    List<Facets.Value> values =
        counts.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(request.size())
            .map(v -> new Facets.Value(v.getKey(), v.getValue()))
            .toList();
    return new Facets(request.field(), all.size(), missing, values);
  }

  /** Neighbours by id among all events of the anchor's host (and app when asked). */
  @Override
  public Optional<EventContext> context(ContextRequest r) {
    requests.add(r);
    Optional<StoredEvent> anchor = events.stream().filter(e -> e.id() == r.id()).findFirst();
    return anchor.map(
        a -> {
          List<StoredEvent> same =
              events.stream()
                  .filter(e -> e.event().host().equals(a.event().host()))
                  .filter(e -> !r.sameApp() || e.event().app().equals(a.event().app()))
                  .sorted(Comparator.comparingLong(StoredEvent::id))
                  .toList();
          int at = same.indexOf(a);
          return new EventContext(
              a,
              same.subList(Math.max(0, at - r.before()), at),
              same.subList(at + 1, Math.min(same.size(), at + 1 + r.after())));
        });
  }

  @Override
  public FieldStats stats(StatsRequest r) {
    requests.add(r);
    numericField(r.field());
    List<Long> values = numbers(matching(r.query(), r.from(), r.to()), r.field());
    long sum = values.stream().mapToLong(Long::longValue).sum();
    return new FieldStats(
        r.field(),
        values.size(),
        sum,
        values.stream().mapToLong(Long::longValue).min().orElse(0),
        values.stream().mapToLong(Long::longValue).max().orElse(0));
  }

  @Override
  public List<StoredEvent> top(TopRequest r) {
    requests.add(r);
    numericField(r.field());
    return matching(r.query(), r.from(), r.to()).stream()
        .filter(e -> e.event().fields().containsKey(r.field()))
        .sorted(
            Comparator.comparingLong(
                    (StoredEvent e) -> Long.parseLong(e.event().fields().get(r.field())))
                .reversed())
        .limit(r.limit())
        .toList();
  }

  private static void numericField(String field) {
    if (!outpost.index.Schema.NUMERIC_FIELDS.contains(field)) {
      throw new QueryException("field " + field + " is not numeric");
    }
  }

  private static List<Long> numbers(List<StoredEvent> events, String field) {
    return events.stream()
        .map(e -> e.event().fields().get(field))
        .filter(v -> v != null)
        .map(Long::parseLong)
        .toList();
  }

  @Override
  public List<FieldName> fields(Instant from, Instant to) {
    requests.add(List.of("fields", from, to));
    return List.copyOf(fieldNames);
  }

  /** Highlights every occurrence of each plain word of the query in any value. */
  @Override
  public Highlighter highlighter(String query) {
    FakeQuery q = FakeQuery.parse(query);
    return (field, value) -> q.spans(value);
  }
}
