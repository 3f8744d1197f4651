package outpost.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.lucene.DayPartition;
import outpost.index.lucene.FacetCollectorManager;
import outpost.index.lucene.HistogramCollectorManager;
import outpost.index.lucene.Partitions;
import outpost.index.query.LogQueryParser;

/**
 * The store's searchers run a query's segment slices on several threads: the collectors' reduce
 * steps must give what one thread over all segments gives. Forces one slice per segment over an
 * index of several segments.
 */
class SlicedSearchTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final Instant FROM = Instant.parse("2026-03-10T00:00:00Z");
  static final List<String> FIELDS = List.of("host", "status", "path", "client_ip");

  @TempDir Path dir;

  @Test
  void slicedFacetsAndHistogramsEqualOneThread() throws IOException {
    try (LuceneLogStore store =
        LuceneLogStore.open(
            StoreConfig.defaults(dir), InstantSource.fixed(NOW), new SimpleMeterRegistry())) {
      int total = 0;
      for (int batch = 0; batch < 5; batch++) { // each refresh flushes a segment of its own
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          int n = batch * 200 + i;
          events.add(
              Events.access(
                  FROM.plus(Duration.ofSeconds(37L * n)),
                  "web-" + n % 5,
                  "10.0.0." + n % 11,
                  "GET",
                  "/p" + n % 7,
                  200 + n % 4,
                  n));
        }
        store.tryAppend(events).join();
        int expected = total += events.size();
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> store.search(new SearchRequest("", FROM, NOW, 1, "")).total() == expected);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (Partitions partitions = new Partitions(dir.resolve("index"), 16)) {
      DayPartition day = partitions.forRead(LocalDate.ofInstant(FROM, ZoneOffset.UTC));
      IndexSearcher shared = day.acquire();
      try {
        IndexReader reader = shared.getIndexReader();
        assertThat(reader.leaves()).hasSizeGreaterThan(1);
        IndexSearcher one = new IndexSearcher(reader);
        IndexSearcher sliced = new OneSlicePerSegment(reader, pool);
        assertThat(sliced.getSlices()).hasSizeGreaterThan(1);
        for (String q : List.of("", "get", "status:[201 TO 203]", "host:web-1")) {
          Query query = new LogQueryParser().parse(q);
          assertCountsEqual(
              sliced.search(query, new FacetCollectorManager(FIELDS)),
              one.search(query, new FacetCollectorManager(FIELDS)));
          long from = FROM.toEpochMilli();
          long to = NOW.toEpochMilli();
          assertThat(sliced.search(query, new HistogramCollectorManager(from, to, 24)))
              .containsExactly(one.search(query, new HistogramCollectorManager(from, to, 24)));
        }
      } finally {
        day.release(shared);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertCountsEqual(
      List<FacetCollectorManager.Counts> actual, List<FacetCollectorManager.Counts> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).values()).isEqualTo(expected.get(i).values());
      assertThat(actual.get(i).total()).isEqualTo(expected.get(i).total());
      assertThat(actual.get(i).missing()).isEqualTo(expected.get(i).missing());
    }
  }

  /** A searcher that gives every segment a slice (and a thread) of its own. */
  private static final class OneSlicePerSegment extends IndexSearcher {
    OneSlicePerSegment(IndexReader reader, ExecutorService pool) {
      super(reader, pool);
    }

    @Override
    protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
      return slices(leaves, 1, 1, false);
    }
  }
}
