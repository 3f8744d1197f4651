package outpost.index;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneLogStoreTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final Instant FROM = NOW.minus(Duration.ofDays(3));
  static final Instant TO = NOW.plus(Duration.ofHours(1));

  @TempDir Path dir;
  final List<LuceneLogStore> stores = new ArrayList<>();

  LuceneLogStore open() throws IOException {
    return open(StoreConfig.defaults(dir));
  }

  LuceneLogStore open(StoreConfig config) throws IOException {
    LuceneLogStore s =
        LuceneLogStore.open(config, InstantSource.fixed(NOW), new SimpleMeterRegistry());
    stores.add(s);
    return s;
  }

  @AfterEach
  void closeAll() throws IOException {
    for (LuceneLogStore s : stores) {
      s.close();
    }
  }

  static void append(LogStore store, List<LogEvent> batch) {
    CompletableFuture<Void> f = store.tryAppend(batch);
    assertThat(f).isNotNull();
    f.join();
  }

  static List<LogEvent> numbered(int n, Instant start) {
    List<LogEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Events.event(start.plusMillis(i), "web-" + (i % 3), "app", 6, "message number " + i));
    }
    return out;
  }

  static long count(LogSearch store, String q) {
    return store.search(new SearchRequest(q, FROM, TO, 1, "")).total();
  }

  @Test
  void appendedEventIsSearchableWithinOneSecond() throws IOException {
    LuceneLogStore store = open();
    append(
        store, List.of(Events.event(NOW, "web-1", "sshd", 3, "connection refused from 10.0.0.5")));
    await()
        .atMost(1, SECONDS)
        .untilAsserted(() -> assertThat(count(store, "refused")).isEqualTo(1));
    SearchPage page = store.search(new SearchRequest("", FROM, TO, 10, ""));
    assertThat(page.hits()).hasSize(1);
    StoredEvent hit = page.hits().get(0);
    assertThat(hit.id()).isEqualTo(1);
    assertThat(hit.event().message()).isEqualTo("connection refused from 10.0.0.5");
    assertThat(hit.event().host()).isEqualTo("web-1");
    assertThat(hit.event().timestamp()).isEqualTo(NOW);
  }

  @Test
  void cleanRestartKeepsEverythingAndReplaysNothing() throws IOException {
    LuceneLogStore first = open();
    append(first, numbered(500, NOW.minusSeconds(600)));
    first.close();
    LuceneLogStore second = open();
    assertThat(second.status().indexedSeq()).isEqualTo(500);
    assertThat(count(second, "")).isEqualTo(500);
    append(second, numbered(1, NOW));
    await().atMost(1, SECONDS).untilAsserted(() -> assertThat(count(second, "")).isEqualTo(501));
    assertThat(second.search(new SearchRequest("", FROM, TO, 1, "")).hits().get(0).id())
        .isEqualTo(501);
  }

  @Test
  void crashAfterFsyncBeforeCommitLosesNothingAndDuplicatesNothing() throws Exception {
    LuceneLogStore first = open();
    append(first, numbered(300, NOW.minusSeconds(600)));
    first.simulateCrash();
    stores.remove(first);
    LuceneLogStore second = open();
    assertThat(count(second, "")).isEqualTo(300);
    append(second, numbered(200, NOW.minusSeconds(300)));
    second.simulateCrash();
    stores.remove(second);
    LuceneLogStore third = open();
    assertThat(count(third, "")).isEqualTo(500);
    Set<Long> ids = new HashSet<>();
    third.search(new SearchRequest("", FROM, TO, 1000, "")).hits().forEach(h -> ids.add(h.id()));
    assertThat(ids).hasSize(500);
  }

  @Test
  void secondDayGoesToItsOwnPartition() throws IOException {
    LuceneLogStore store = open();
    append(store, numbered(10, NOW.minus(Duration.ofDays(1))));
    append(store, numbered(20, NOW));
    await().atMost(1, SECONDS).untilAsserted(() -> assertThat(count(store, "")).isEqualTo(30));
    assertThat(store.status().partitions()).isEqualTo(2);
    SearchPage yesterday =
        store.search(
            new SearchRequest(
                "", FROM, NOW.truncatedTo(java.time.temporal.ChronoUnit.DAYS), 100, ""));
    assertThat(yesterday.total()).isEqualTo(10);
  }

  @Test
  void queriesOnlyOpenTheDaysTheyNeed() throws IOException {
    LuceneLogStore first = open();
    append(first, numbered(5, NOW.minus(Duration.ofDays(2))));
    append(first, numbered(5, NOW));
    first.close();
    LuceneLogStore store = open();
    assertThat(store.status().openPartitions()).isZero();
    assertThat(store.search(new SearchRequest("", NOW.minusSeconds(60), TO, 10, "")).total())
        .isEqualTo(5);
    assertThat(store.status().openPartitions()).isEqualTo(1);
    assertThat(store.status().partitions()).isEqualTo(2);
  }

  @Test
  void cursorPaginationReturnsEveryHitOnce() throws IOException {
    LuceneLogStore store = open();
    List<LogEvent> batch = new ArrayList<>(numbered(250, NOW.minus(Duration.ofDays(1))));
    batch.addAll(numbered(250, NOW.minusSeconds(10)));
    // equal timestamps are ordered by id
    for (int i = 0; i < 30; i++) {
      batch.add(Events.event(NOW, "web-9", "app", 6, "same instant " + i));
    }
    append(store, batch);
    await().atMost(1, SECONDS).untilAsserted(() -> assertThat(count(store, "")).isEqualTo(530));
    List<Long> ids = new ArrayList<>();
    String cursor = "";
    do {
      SearchPage page = store.search(new SearchRequest("", FROM, TO, 37, cursor));
      assertThat(page.total()).isEqualTo(530);
      page.hits().forEach(h -> ids.add(h.id()));
      cursor = page.nextCursor();
    } while (!cursor.isEmpty());
    assertThat(ids).hasSize(530).doesNotHaveDuplicates();
    assertThat(ids.get(0)).isEqualTo(530);
    assertThat(ids.get(529)).isEqualTo(1);
  }
}
