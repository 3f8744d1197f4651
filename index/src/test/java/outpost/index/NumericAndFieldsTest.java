package outpost.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stats and top events of numeric fields, and the field list. */
class NumericAndFieldsTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final Instant DAY1 = Instant.parse("2026-03-09T10:00:00Z");
  static final Instant DAY2 = Instant.parse("2026-03-10T10:00:00Z");
  static final Instant FROM = Instant.parse("2026-03-09T00:00:00Z");
  static final Instant TO = Instant.parse("2026-03-11T00:00:00Z");

  @TempDir static Path dir;
  static LuceneLogStore store;

  @BeforeAll
  static void load() throws IOException {
    store =
        LuceneLogStore.open(
            StoreConfig.defaults(dir), InstantSource.fixed(NOW), new SimpleMeterRegistry());
    List<LogEvent> batch = new ArrayList<>();
    // day 1: bytes 100, 200, 300 (404s); day 2: bytes 300, 50 (200s) and 300 (404)
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
    store.tryAppend(batch).join();
    store.close();
    store =
        LuceneLogStore.open(
            StoreConfig.defaults(dir), InstantSource.fixed(NOW), new SimpleMeterRegistry());
  }

  @AfterAll
  static void close() throws IOException {
    store.close();
  }

  @Test
  void statsSumCountMinMaxAcrossDays() {
    FieldStats s = store.stats(new StatsRequest("host:web-* -huge", FROM, TO, "bytes"));
    assertThat(s).isEqualTo(new FieldStats("bytes", 6, 1250, 50, 300));
    assertThat(s.average()).isEqualTo(1250 / 6.0);
    FieldStats notFound = store.stats(new StatsRequest("status:404", FROM, TO, "bytes"));
    assertThat(notFound).isEqualTo(new FieldStats("bytes", 4, 900, 100, 300));
  }

  @Test
  void statsRespectTheTimeRange() {
    FieldStats day2 =
        store.stats(
            new StatsRequest("host:web-* -huge", DAY2, DAY2.plus(Duration.ofHours(1)), "bytes"));
    assertThat(day2).isEqualTo(new FieldStats("bytes", 3, 650, 50, 300));
  }

  @Test
  void statsWithoutValuesAreZero() {
    assertThat(store.stats(new StatsRequest("cron", FROM, TO, "status")))
        .isEqualTo(new FieldStats("status", 0, 0, 0, 0));
  }

  @Test
  void statsSumSaturates() {
    FieldStats s = store.stats(new StatsRequest("", FROM, TO, "bytes"));
    assertThat(s.count()).isEqualTo(7);
    assertThat(s.sum()).isEqualTo(Long.MAX_VALUE);
    assertThat(s.max()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void statsAndTopRejectNonNumericFields() {
    assertThatThrownBy(() -> store.stats(new StatsRequest("", FROM, TO, "host")))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("'host' is not numeric");
    assertThatThrownBy(() -> store.top(new TopRequest("", FROM, TO, "path", 5)))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("'path' is not numeric");
  }

  @Test
  void topIsHighestFirstWithTiesNewestFirst() {
    List<StoredEvent> top = store.top(new TopRequest("host:web-* -huge", FROM, TO, "bytes", 4));
    assertThat(top)
        .extracting(e -> e.event().fields().get("path"))
        // three ties at 300: the two of day 2 (same ms: the later id first), then day 1
        .containsExactly("/f", "/d", "/c", "/b");
    assertThat(top.get(0).id()).isGreaterThan(top.get(1).id());
  }

  @Test
  void topLeavesOutEventsWithoutTheField() {
    List<StoredEvent> top = store.top(new TopRequest("", FROM, TO, "status", 100));
    assertThat(top).hasSize(6);
    assertThat(top.get(0).event().fields().get("status")).isEqualTo("404");
    assertThat(top.get(5).event().fields().get("status")).isEqualTo("200");
  }

  @Test
  void fieldsListsStandardAndExtractedFieldsWithTypes() {
    List<FieldName> fields = store.fields(FROM, TO);
    assertThat(fields)
        .contains(
            new FieldName("@timestamp", "time"),
            new FieldName("message", "text"),
            new FieldName("host", "keyword"),
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
  }

  @Test
  void fieldsOnlyFromPartitionsInTheRange() {
    List<FieldName> day2 = store.fields(DAY2, DAY2.plusSeconds(5));
    assertThat(day2).extracting(FieldName::name).contains("status", "host");
    assertThat(day2).extracting(FieldName::name).doesNotContain("tenant");
  }

  @Test
  void storeHighlighterUsesTheSearchSyntax() {
    Highlighter h = store.highlighter("status:>=404 AND path:/wp-login.php");
    assertThat(h.spans("status", "404")).containsExactly(new Highlighter.Span(0, 3));
    assertThat(h.spans("path", "/wp-login.php?a=1")).containsExactly(new Highlighter.Span(0, 13));
    assertThat(store.highlighter(" ").spans("message", "anything")).isEmpty();
    assertThatThrownBy(() -> store.highlighter("status:[1 TO")).isInstanceOf(QueryException.class);
  }
}
