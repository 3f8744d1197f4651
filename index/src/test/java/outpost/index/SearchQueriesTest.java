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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Query syntax, histogram and facets over a known dataset. */
class SearchQueriesTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final Instant DAY2 = Instant.parse("2026-03-10T00:00:00Z");
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
    // 100 access lines per day over two days; status 200 x60, 404 x30, 503 x10 per day
    for (Instant day : List.of(FROM, DAY2)) {
      for (int i = 0; i < 100; i++) {
        int status = i < 60 ? 200 : i < 90 ? 404 : 503;
        String path = i % 10 == 0 ? "/wp-login.php?redirect=1" : "/index.html";
        String ip = i % 2 == 0 ? "10.0.0.5" : "192.168.1." + i;
        Instant ts = day.plus(Duration.ofMinutes(i * 10L));
        batch.add(Events.access(ts, i < 50 ? "web-1" : "db-1", ip, "GET", path, status, i * 100L));
      }
    }
    batch.add(Events.event(NOW, "mail-1", "postfix", 3, "connect to smtp: Connection refused"));
    batch.add(Events.event(NOW, "mail-1", "postfix", 6, "refused connection by policy"));
    batch.add(
        Events.event(NOW, "mail-1", "app", 6, "sd event", Map.of("sd.origin@1.ip", "10.1.1.1")));
    store.tryAppend(batch).join();
    store.close();
    // reopen: everything is committed and searchable at once
    store =
        LuceneLogStore.open(
            StoreConfig.defaults(dir), InstantSource.fixed(NOW), new SimpleMeterRegistry());
  }

  @AfterAll
  static void close() throws IOException {
    store.close();
  }

  static long count(String q) {
    return store.search(new SearchRequest(q, FROM, TO, 10, "")).total();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|203",
        "404|60",
        "status:404|60",
        "status:[500 TO 599]|20",
        "status:>=404|80",
        "status:>404|20",
        "status:<404|120",
        "bytes:>9000|18",
        "/wp-login.php|20",
        "wp-login.php|20",
        "path:/wp-login.php|20",
        "path:\"/wp-login.php?redirect=1\"|20",
        "path:/index.*|180",
        "10.0.0.5|100",
        "client_ip:10.0.0.5|100",
        "client_ip:192.168.1.*|100",
        "\"connection refused\"|1",
        "refused|2",
        "Refused AND connection|2",
        "host:web-*|100",
        "host:web-1 AND status:404|0",
        "host:db-1 AND status:404|60",
        "status:[500 TO 599] AND host:db-*|20",
        "severity:err|1",
        "severity_code:[0 TO 3]|1",
        "app:postfix -refused|0",
        "\"HTTP/1.1\"|200",
        "HTTP/1.1|200",
        "sd.origin@1.ip:10.1.1.1|1",
        "method:GET|200",
        "facility:user|203",
      })
  void queryMatches(String query, long expected) {
    assertThat(count(query)).isEqualTo(expected);
  }

  @Test
  void parseErrorsCarryTheParsersReason() {
    assertThatThrownBy(() -> count("status:[500 TO"))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("Cannot parse");
    assertThatThrownBy(() -> count("status:abc"))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("status takes whole numbers");
    assertThatThrownBy(() -> count("(unbalanced")).isInstanceOf(QueryException.class);
  }

  @Test
  void histogramCountsEveryMatchingEventInItsBucket() {
    Histogram h = store.histogram(new HistogramRequest("status:404", FROM, TO, 48));
    assertThat(h.interval()).isEqualTo(Duration.ofHours(1));
    assertThat(h.buckets()).hasSize(48);
    assertThat(h.buckets().stream().mapToLong(Histogram.Bucket::count).sum()).isEqualTo(60);
    // i = 60..89 at 10-minute steps: 10:00 .. 14:50 each day, 6 per hour
    assertThat(h.buckets().get(10).count()).isEqualTo(6);
    assertThat(h.buckets().get(10).start()).isEqualTo(FROM.plus(Duration.ofHours(10)));
    assertThat(h.buckets().get(24 + 14).count()).isEqualTo(6);
    assertThat(h.buckets().get(9).count()).isZero();
    Histogram all = store.histogram(new HistogramRequest("", FROM, TO, 2));
    assertThat(all.buckets()).extracting(Histogram.Bucket::count).containsExactly(100L, 103L);
  }

  @Test
  void histogramWithoutQueryCountsPointsLikeTheCollector() {
    // 7 buckets do not divide two days evenly: both paths must agree on every boundary
    Histogram points = store.histogram(new HistogramRequest("", FROM, TO, 7));
    Histogram collected = store.histogram(new HistogramRequest("host:*", FROM, TO, 7));
    assertThat(points.buckets()).isEqualTo(collected.buckets());
    assertThat(points.buckets().stream().mapToLong(Histogram.Bucket::count).sum()).isEqualTo(203);
  }

  @Test
  void facetsCountTopValuesExactly() {
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
  }

  @Test
  void facetOnUnknownFieldIsAQueryError() {
    assertThatThrownBy(() -> store.facets(new FacetRequest("", FROM, TO, "nosuchfield", 10)))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("nosuchfield");
  }

  @Test
  void invalidCursorIsAQueryError() {
    assertThatThrownBy(() -> store.search(new SearchRequest("", FROM, TO, 10, "garbage!")))
        .isInstanceOf(QueryException.class);
  }
}
