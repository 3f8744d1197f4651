package outpost.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import outpost.index.FacetRequest;
import outpost.index.Facets;
import outpost.index.Histogram;
import outpost.index.HistogramRequest;
import outpost.index.LogEvent;
import outpost.index.LogSearch;
import outpost.index.QueryException;
import outpost.index.SearchPage;
import outpost.index.SearchRequest;
import outpost.index.StoredEvent;

/**
 * An in-memory {@link LogSearch}: a blank query matches everything, any other query matches events
 * whose message contains it, a query containing {@value #BAD} fails to parse and one containing
 * {@value #FAIL} fails like a broken store. Cursors are {@code offset:N}. Remembers every request
 * it was given. Thread-safe.
 */
final class FakeLogSearch implements LogSearch {
  static final String BAD = "((";
  static final String FAIL = "FAIL";
  static final String FAILURE_DETAIL = "/var/secret/index is on fire";
  static final String PARSE_ERROR = "Cannot parse '((': Encountered \"<EOF>\" at line 1, column 2.";

  private final List<StoredEvent> events = new CopyOnWriteArrayList<>();
  final List<Object> requests = new CopyOnWriteArrayList<>();

  void add(long id, LogEvent event) {
    events.add(new StoredEvent(id, event));
  }

  private List<StoredEvent> matching(String query, java.time.Instant from, java.time.Instant to) {
    if (query.contains(FAIL)) {
      throw new IllegalStateException(FAILURE_DETAIL);
    }
    if (query.contains(BAD)) {
      throw new QueryException(PARSE_ERROR);
    }
    return events.stream()
        .filter(e -> !e.event().timestamp().isBefore(from) && e.event().timestamp().isBefore(to))
        .filter(e -> query.isBlank() || e.event().message().contains(query))
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
    Map<String, Long> counts = new HashMap<>();
    long missing = 0;
    for (StoredEvent e : all) {
      String value =
          switch (request.field()) {
            case "host" -> e.event().host();
            case "app" -> e.event().app();
            default -> e.event().fields().get(request.field());
          };
      if (value == null || value.isEmpty()) {
        missing++;
      } else {
        counts.merge(value, 1L, Long::sum);
      }
    }
    List<Facets.Value> values =
        counts.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(request.size())
            .map(v -> new Facets.Value(v.getKey(), v.getValue()))
            .toList();
    return new Facets(request.field(), all.size(), missing, values);
  }

  @Override
  public java.util.Optional<outpost.index.EventContext> context(outpost.index.ContextRequest r) {
    throw new UnsupportedOperationException();
  }

  @Override
  public outpost.index.FieldStats stats(outpost.index.StatsRequest r) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<StoredEvent> top(outpost.index.TopRequest r) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<outpost.index.FieldName> fields(java.time.Instant from, java.time.Instant to) {
    throw new UnsupportedOperationException();
  }

  @Override
  public outpost.index.Highlighter highlighter(String query) {
    return (field, value) -> List.of();
  }
}
