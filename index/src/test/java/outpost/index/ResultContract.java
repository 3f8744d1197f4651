package outpost.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Contract: cursors page newest first without duplicates or gaps; histogram, facets, stats and top
 * values count exactly; fields and highlighting. Part of {@link LogStoreContract}.
 */
abstract class ResultContract {
  static final Instant FROM = QueryContract.FROM;
  static final Instant TO = QueryContract.TO;
  static final Instant DAY1 = Instant.parse("2026-03-09T10:00:00Z");
  static final Instant DAY2 = Instant.parse("2026-03-10T10:00:00Z");

  private final LogStoreContract contract;

  ResultContract(LogStoreContract contract) {
    this.contract = contract;
  }

  LogStore queries() throws IOException {
    return contract.corpus("queries", QueryContract.dataset(), FROM, TO);
  }

  /** The dataset of NumericAndFieldsTest: bytes and status over two days, one huge value. */
  LogStore numeric() throws IOException {
    List<LogEvent> batch = new ArrayList<>();
    batch.add(Events.access(DAY1, "web-1", "10.0.0.1", "GET", "/a", 404, 100));
    batch.add(Events.access(DAY1.plusSeconds(1), "web-1", "10.0.0.1", "GET", "/b", 404, 200));
    batch.add(Events.access(DAY1.plusSeconds(2), "web-1", "10.0.0.1", "GET", "/c", 404, 300));
    batch.add(Events.access(DAY2, "web-2", "10.0.0.2", "GET", "/d", 200, 300));
    batch.add(Events.access(DAY2.plusSeconds(1), "web-2", "10.0.0.2", "GET", "/e", 200, 50));
    batch.add(Events.access(DAY2, "web-2", "10.0.0.2", "GET", "/f", 404, 300));
    batch.add(Events.event(DAY2, "web-2", "cron", 6, "no numbers here"));
    batch.add(
        Events.event(
            DAY2, "web-2", "app", 6, "huge", Map.of("bytes", Long.toString(Long.MAX_VALUE))));
    batch.add(Events.event(DAY1, "db-1", "app", 6, "custom", Map.of("tenant", "acme")));
    return contract.corpus("numeric", batch, FROM, TO);
  }

  @Test
  void cursorsPageNewestFirstWithoutDuplicatesOrGaps() throws IOException {
    LogStore store = contract.fresh("paging");
    List<LogEvent> batch = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      batch.add(Events.event(DAY1.plusMillis(i), "web-" + i % 3, "app", 6, "old " + i));
      batch.add(Events.event(DAY2.plusMillis(i), "web-" + i % 3, "app", 6, "new " + i));
    }
    // equal timestamps are ordered by id, newest (highest) first
    for (int i = 0; i < 30; i++) {
      batch.add(Events.event(DAY2.plusSeconds(60), "web-9", "app", 6, "same instant " + i));
    }
    LogStoreContract.append(store, batch);
    LogStoreContract.awaitCount(store, "", FROM, TO, 530);
    List<StoredEvent> all = new ArrayList<>();
    String cursor = "";
    int pages = 0;
    do {
      SearchPage page = store.search(new SearchRequest("", FROM, TO, 37, cursor));
      assertThat(page.total()).isEqualTo(530);
      assertThat(page.hits()).hasSizeLessThanOrEqualTo(37);
      all.addAll(page.hits());
      cursor = page.nextCursor();
      pages++;
    } while (!cursor.isEmpty() && pages < 100);
    assertThat(all).extracting(StoredEvent::id).hasSize(530).doesNotHaveDuplicates();
    for (int i = 1; i < all.size(); i++) {
      StoredEvent newer = all.get(i - 1);
      StoredEvent older = all.get(i);
      assertThat(newer.event().timestamp()).isAfterOrEqualTo(older.event().timestamp());
      if (newer.event().timestamp().equals(older.event().timestamp())) {
        assertThat(newer.id()).as("ties newest id first").isGreaterThan(older.id());
      }
    }
    assertThat(all.getFirst().event().message()).isEqualTo("same instant 29");
    assertThat(all.getLast().event().message()).isEqualTo("old 0");
  }

  @Test
  void aQueryPagesOnlyItsMatches() throws IOException {
    LogStore store = queries();
    List<Long> ids = new ArrayList<>();
    String cursor = "";
    do {
      SearchPage page = store.search(new SearchRequest("status:404", FROM, TO, 7, cursor));
      assertThat(page.total()).isEqualTo(60);
      page.hits().forEach(h -> assertThat(h.event().fields()).containsEntry("status", "404"));
      page.hits().forEach(h -> ids.add(h.id()));
      cursor = page.nextCursor();
    } while (!cursor.isEmpty() && ids.size() <= 60);
    assertThat(ids).hasSize(60).doesNotHaveDuplicates();
  }

  @Test
  void histogramCountsEveryMatchingEventInItsBucket() throws IOException {
    LogStore store = queries();
    Histogram h = store.histogram(new HistogramRequest("status:404", FROM, TO, 48));
    assertThat(h.interval()).isEqualTo(Duration.ofHours(1));
    assertThat(h.buckets()).hasSize(48);
    assertThat(h.buckets().stream().mapToLong(Histogram.Bucket::count).sum()).isEqualTo(60);
    // i = 60..89 at 10-minute steps: 10:00 .. 14:50 each day, 6 per hour
    assertThat(h.buckets().get(10).count()).isEqualTo(6);
    assertThat(h.buckets().get(10).start()).isEqualTo(FROM.plus(Duration.ofHours(10)));
    assertThat(h.buckets().get(24 + 14).count()).isEqualTo(6);
    assertThat(h.buckets().get(9).count()).isZero();
    assertThat(h.buckets().getFirst().start()).isEqualTo(FROM);
    Histogram all = store.histogram(new HistogramRequest("", FROM, TO, 2));
    assertThat(all.buckets()).extracting(Histogram.Bucket::count).containsExactly(100L, 103L);
  }

  @Test
  void histogramBucketsThatDoNotDivideTheRangeEvenlyStillCountEverything() throws IOException {
    LogStore store = queries();
    Histogram points = store.histogram(new HistogramRequest("", FROM, TO, 7));
    Histogram queried = store.histogram(new HistogramRequest("host:*", FROM, TO, 7));
    assertThat(points.buckets()).hasSize(7).isEqualTo(queried.buckets());
    assertThat(points.buckets().stream().mapToLong(Histogram.Bucket::count).sum()).isEqualTo(203);
    // an odd range: from 01:00 for 3 days in 5 buckets
    Histogram odd =
        store.histogram(new HistogramRequest("", FROM.plusSeconds(3600), TO.plusSeconds(3600), 5));
    assertThat(odd.buckets().stream().mapToLong(Histogram.Bucket::count).sum())
        .isEqualTo(LogStoreContract.count(store, "", FROM.plusSeconds(3600), TO));
  }

  @Test
  void facetsCountTopValuesExactly() throws IOException {
    LogStore store = queries();
    Facets status = store.facets(new FacetRequest("", FROM, TO, "status", 2));
    assertThat(status.total()).isEqualTo(203);
    assertThat(status.missing()).isEqualTo(3);
    assertThat(status.values())
        .containsExactly(new Facets.Value("200", 120), new Facets.Value("404", 60));
    Facets hosts = store.facets(new FacetRequest("status:404", FROM, TO, "host", 10));
    assertThat(hosts.values()).containsExactly(new Facets.Value("db-1", 60));
    Facets paths = store.facets(new FacetRequest("", FROM, TO, "path", 10));
    assertThat(paths.values())
        .containsExactly(
            new Facets.Value("/index.html", 180), new Facets.Value("/wp-login.php?redirect=1", 20));
    Facets severity = store.facets(new FacetRequest("", FROM, TO, "severity", 10));
    assertThat(severity.values())
        .containsExactly(new Facets.Value("info", 202), new Facets.Value("err", 1));
    Facets day2 = store.facets(new FacetRequest("", QueryContract.DAY2, TO, "app", 1));
    assertThat(day2.total()).isEqualTo(103);
    assertThat(day2.missing()).isZero();
    assertThat(day2.values()).containsExactly(new Facets.Value("apache", 100));
  }

  @Test
  void severalFacetsAtOnceEqualOneRequestPerField() throws IOException {
    LogStore store = queries();
    FacetsRequest request =
        new FacetsRequest("get", FROM, TO, List.of("host", "status", "client_ip", "app"), 3);
    List<Facets> together = store.facets(request);
    assertThat(together).extracting(Facets::field).containsExactlyElementsOf(request.fields());
    for (int i = 0; i < request.fields().size(); i++) {
      assertThat(together.get(i)).isEqualTo(store.facets(request.single(request.fields().get(i))));
    }
    assertThat(together.get(0).values()).hasSize(2);
    assertThat(together.get(2).values())
        .hasSize(3)
        .first()
        .isEqualTo(new Facets.Value("10.0.0.5", 100));
  }

  @Test
  void facetOnUnknownFieldIsAQueryError() throws IOException {
    LogStore store = queries();
    assertThatThrownBy(() -> store.facets(new FacetRequest("", FROM, TO, "nosuchfield", 10)))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("nosuchfield");
  }

  @Test
  void statsSumCountMinMaxWithinTheTimeRange() throws IOException {
    LogStore store = numeric();
    assertThat(store.stats(new StatsRequest("host:web-* -huge", FROM, TO, "bytes")))
        .isEqualTo(new FieldStats("bytes", 6, 1250, 50, 300));
    assertThat(store.stats(new StatsRequest("status:404", FROM, TO, "bytes")))
        .isEqualTo(new FieldStats("bytes", 4, 900, 100, 300));
    assertThat(
            store.stats(
                new StatsRequest(
                    "host:web-* -huge", DAY2, DAY2.plus(Duration.ofHours(1)), "bytes")))
        .isEqualTo(new FieldStats("bytes", 3, 650, 50, 300));
    assertThat(store.stats(new StatsRequest("cron", FROM, TO, "status")))
        .isEqualTo(new FieldStats("status", 0, 0, 0, 0));
    FieldStats saturated = store.stats(new StatsRequest("", FROM, TO, "bytes"));
    assertThat(saturated).isEqualTo(new FieldStats("bytes", 7, Long.MAX_VALUE, 50, Long.MAX_VALUE));
  }

  @Test
  void statsAndTopRejectNonNumericFields() throws IOException {
    LogStore store = numeric();
    assertThatThrownBy(() -> store.stats(new StatsRequest("", FROM, TO, "host")))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("'host' is not numeric");
    assertThatThrownBy(() -> store.top(new TopRequest("", FROM, TO, "path", 5)))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("'path' is not numeric");
  }

  @Test
  void topIsHighestFirstWithTiesNewestFirstAndSkipsEventsWithoutTheField() throws IOException {
    LogStore store = numeric();
    List<StoredEvent> top = store.top(new TopRequest("host:web-* -huge", FROM, TO, "bytes", 4));
    // three ties at 300: the two of day 2 (same ms: the later id first), then day 1
    assertThat(top)
        .extracting(e -> e.event().fields().get("path"))
        .containsExactly("/f", "/d", "/c", "/b");
    assertThat(top.get(0).id()).isGreaterThan(top.get(1).id());
    List<StoredEvent> status = store.top(new TopRequest("", FROM, TO, "status", 100));
    assertThat(status).hasSize(6);
    assertThat(status.getFirst().event().fields()).containsEntry("status", "404");
    assertThat(status.getLast().event().fields()).containsEntry("status", "200");
  }

  @Test
  void fieldsListsStandardAndExtractedFieldsOfTheRangeWithTypes() throws IOException {
    LogStore store = numeric();
    List<FieldName> fields = store.fields(FROM, TO);
    assertThat(fields)
        .contains(
            new FieldName("@timestamp", "time"),
            new FieldName("message", "text"),
            new FieldName("host", "keyword"),
            new FieldName("app", "keyword"),
            new FieldName("severity", "keyword"),
            new FieldName("msgid", "keyword"),
            new FieldName("status", "numeric"),
            new FieldName("bytes", "numeric"),
            new FieldName("path", "keyword"),
            new FieldName("client_ip", "keyword"),
            new FieldName("tenant", "keyword"));
    assertThat(fields).extracting(FieldName::name).isSorted().doesNotHaveDuplicates();
    assertThat(fields)
        .extracting(FieldName::name)
        .doesNotContain("_id", "_source", "severity_code", "raw", "duration");
    List<FieldName> day2 = store.fields(DAY2, DAY2.plusSeconds(5));
    assertThat(day2)
        .extracting(FieldName::name)
        .contains("status", "host")
        .doesNotContain("tenant");
  }

  @Test
  void highlighterMarksWhatTheQueryMatches() throws IOException {
    LogStore store = numeric();
    Highlighter h = store.highlighter("status:>=404 AND path:/wp-login.php AND refused");
    assertThat(h.spans("status", "404")).containsExactly(new Highlighter.Span(0, 3));
    assertThat(h.spans("status", "200")).isEmpty();
    assertThat(h.spans("path", "/wp-login.php?a=1")).containsExactly(new Highlighter.Span(0, 13));
    assertThat(h.spans("message", "Connection REFUSED by peer"))
        .containsExactly(new Highlighter.Span(11, 18));
    assertThat(store.highlighter(" ").spans("message", "anything")).isEmpty();
    assertThatThrownBy(() -> store.highlighter("status:[1 TO")).isInstanceOf(QueryException.class);
  }
}
