package outpost.index;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tail matches exactly what search finds, query by query. */
class TailQueriesTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final List<String> QUERIES =
      List.of(
          "404",
          "status:404",
          "status:[500 TO 599]",
          "status:>=404",
          "status:<404",
          "bytes:>9000",
          "severity_code:[0 TO 3]",
          "severity:err",
          "host:web-*",
          "host:*-1",
          "-host:web-1",
          "refused AND NOT policy",
          "refused OR policy",
          "path:/wp-login.php",
          "path:/wp-login.php?redirect=1",
          "/wp-login.php",
          "10.0.0.5",
          "client_ip:192.168.1.*",
          "app:post*",
          "\"connection refused\"",
          "HTTP/1.1",
          "sd.origin@1.ip:10.1.1.1",
          "method:GET AND status:503 AND host:db-1");

  @TempDir Path dir;

  static List<LogEvent> dataset() {
    List<LogEvent> batch = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int status = i < 60 ? 200 : i < 90 ? 404 : 503;
      String path = i % 10 == 0 ? "/wp-login.php?redirect=1" : "/index.html";
      String ip = i % 2 == 0 ? "10.0.0.5" : "192.168.1." + i;
      Instant ts = NOW.minus(Duration.ofMinutes(i));
      batch.add(Events.access(ts, i < 50 ? "web-1" : "db-1", ip, "GET", path, status, i * 100L));
    }
    batch.add(Events.event(NOW, "mail-1", "postfix", 3, "connect to smtp: Connection refused"));
    batch.add(Events.event(NOW, "mail-1", "postfix", 6, "refused connection by policy"));
    batch.add(
        Events.event(NOW, "mail-1", "app", 6, "sd event", Map.of("sd.origin@1.ip", "10.1.1.1")));
    return batch;
  }

  @Test
  void everyQueryMatchesWhatSearchFinds() throws Exception {
    try (LuceneLogStore store =
        LuceneLogStore.open(
            StoreConfig.defaults(dir), InstantSource.fixed(NOW), new SimpleMeterRegistry())) {
      Map<String, TailSubscription> subs = new LinkedHashMap<>();
      TailSubscription all = store.subscribe("", 1000);
      for (String q : QUERIES) {
        subs.put(q, store.subscribe(q, 1000));
      }
      List<LogEvent> data = dataset();
      store.tryAppend(data.subList(0, 50)).join();
      store.tryAppend(data.subList(50, data.size())).join();
      // the hub hands each batch to every subscriber before the next: once the match-all one
      // has everything, so have the others
      await().atMost(10, SECONDS).until(() -> all.matched() == data.size());
      SearchRequest everything =
          new SearchRequest("", NOW.minus(Duration.ofDays(1)), NOW.plusSeconds(60), 1000, "");
      await().atMost(10, SECONDS).until(() -> store.search(everything).total() == data.size());

      int selective = 0;
      for (Map.Entry<String, TailSubscription> e : subs.entrySet()) {
        Set<Long> tailed = ids(e.getValue().poll(1000, Duration.ZERO));
        SearchRequest r =
            new SearchRequest(
                e.getKey(), NOW.minus(Duration.ofDays(1)), NOW.plusSeconds(60), 1000, "");
        Set<Long> searched = ids(store.search(r).hits());
        assertThat(tailed).as(e.getKey()).isEqualTo(searched);
        selective += !searched.isEmpty() && searched.size() < data.size() ? 1 : 0;
        assertThat(e.getValue().dropped()).isZero();
        e.getValue().close();
      }
      assertThat(selective).as("queries finding some but not all").isGreaterThan(20);
      assertThat(ids(all.poll(1000, Duration.ZERO))).hasSize(data.size());
      all.close();
    }
  }

  private static Set<Long> ids(List<StoredEvent> events) {
    Set<Long> ids = new TreeSet<>();
    events.forEach(e -> ids.add(e.id()));
    return ids;
  }
}
