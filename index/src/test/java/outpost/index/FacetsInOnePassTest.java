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
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.lucene.PartitionSearcher;
import outpost.index.lucene.Partitions;
import outpost.index.query.LogQueryParser;

/** Several facets counted in one pass agree with one pass per field. */
class FacetsInOnePassTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final Instant FROM = Instant.parse("2026-03-09T00:00:00Z");
  static final Instant TO = Instant.parse("2026-03-11T00:00:00Z");
  static final List<String> FIELDS =
      List.of("host", "app", "severity", "status", "path", "client_ip");

  @TempDir Path dir;

  @Test
  void onePassCountsEveryFieldLikeSeparatePasses() throws IOException {
    List<LogEvent> batch = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Instant ts = FROM.plus(Duration.ofMinutes(7L * i)); // both days
      batch.add(
          Events.access(
              ts, "web-" + i % 7, "10.0.0." + i % 13, "GET", "/p" + i % 5, 200 + i % 4, i));
      if (i % 10 == 0) {
        batch.add(Events.event(ts, "db-" + i % 3, "postgres", 3, "GET no access fields"));
      }
    }
    try (LuceneLogStore store =
        LuceneLogStore.open(
            StoreConfig.defaults(dir), InstantSource.fixed(NOW), new SimpleMeterRegistry())) {
      store.tryAppend(batch).join();
    }
    try (Partitions partitions = new Partitions(dir.resolve("index"), 16)) {
      PartitionSearcher searcher = new PartitionSearcher(partitions);
      Query get = new LogQueryParser().parse("get");
      List<Facets> together = searcher.facets(get, FROM, TO, FIELDS, 3);
      assertThat(together).hasSize(FIELDS.size());
      for (int i = 0; i < FIELDS.size(); i++) {
        Facets alone = searcher.facets(get, FROM, TO, FIELDS.get(i), 3);
        assertThat(together.get(i)).isEqualTo(alone);
        assertThat(alone.total()).isEqualTo(330);
      }
      assertThat(together.get(3).missing()).isEqualTo(30);
      assertThat(together.get(0).values()).hasSize(3);
      assertThatThrownBy(() -> searcher.facets(get, FROM, TO, List.of("host", "nosuch"), 3))
          .isInstanceOf(QueryException.class)
          .hasMessageContaining("nosuch");
    }
  }

  @Test
  void storeAnswersSeveralFieldsInOneRequestLikeOneRequestPerField() throws IOException {
    List<LogEvent> batch = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      batch.add(
          Events.access(
              FROM.plus(Duration.ofMinutes(11L * i)),
              "web-" + i % 4,
              "10.0.1." + i % 9,
              "GET",
              "/q" + i % 6,
              200 + i % 3,
              i));
    }
    try (LuceneLogStore store =
        LuceneLogStore.open(
            StoreConfig.defaults(dir), InstantSource.fixed(NOW), new SimpleMeterRegistry())) {
      store.tryAppend(batch).join();
      FacetsRequest request = new FacetsRequest("get", FROM, TO, FIELDS, 4);
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(store.facets(request.single("host")).total()).isEqualTo(120));
      List<Facets> together = store.facets(request);
      for (int i = 0; i < FIELDS.size(); i++) {
        assertThat(together.get(i)).isEqualTo(store.facets(request.single(FIELDS.get(i))));
      }
      assertThatThrownBy(() -> new FacetsRequest("", FROM, TO, List.of("host", "host"), 4))
          .isInstanceOf(QueryException.class)
          .hasMessageContaining("distinct");
    }
  }
}
