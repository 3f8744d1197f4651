package outpost.index;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live tail against a real store: delivery, dropping, closing, limits. */
class LiveTailTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  @TempDir Path dir;
  SimpleMeterRegistry registry = new SimpleMeterRegistry();
  LuceneLogStore store;

  @BeforeEach
  void open() throws IOException {
    // refreshing once an hour: nothing appended here becomes searchable, the tail must not wait
    StoreConfig d = StoreConfig.defaults(dir);
    StoreConfig config =
        new StoreConfig(
            dir,
            d.retention(),
            d.diskBudgetBytes(),
            d.minFreeDiskBytes(),
            Duration.ofHours(1),
            d.commitInterval(),
            d.queueCapacityBatches(),
            d.indexQueueBatches(),
            d.segmentBytes(),
            d.ramBufferMb(),
            d.diskRetryInterval(),
            d.retentionInterval());
    store = LuceneLogStore.open(config, InstantSource.fixed(NOW), registry);
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  static LogEvent event(String host, String message) {
    return Events.event(NOW, host, "app", 6, message);
  }

  void append(List<LogEvent> batch) {
    store.tryAppend(batch).join();
  }

  static List<String> messages(List<StoredEvent> events) {
    return events.stream().map(e -> e.event().message()).toList();
  }

  @Test
  void deliversMatchingEventBeforeItIsSearchableAndSkipsOthers() throws Exception {
    try (TailSubscription sub = store.subscribe("refused", 100)) {
      append(List.of(event("a", "connection refused"), event("a", "all fine")));
      append(List.of(event("b", "refused again")));

      List<StoredEvent> got = new ArrayList<>();
      await()
          .atMost(5, SECONDS)
          .until(() -> got.addAll(sub.poll(10, Duration.ofMillis(200))) && got.size() == 2);
      assertThat(messages(got)).containsExactly("connection refused", "refused again");
      assertThat(got.get(1).id()).isEqualTo(got.get(0).id() + 2);
      assertThat(sub.matched()).isEqualTo(2);
      assertThat(sub.dropped()).isZero();
      SearchRequest all = new SearchRequest("", NOW.minusSeconds(60), NOW.plusSeconds(60), 10, "");
      assertThat(store.search(all).total()).as("not yet searchable").isZero();
    }
  }

  @Test
  void pollWaitsForTheNextMatch() throws Exception {
    try (TailSubscription sub = store.subscribe("host:late", 10)) {
      Thread appender =
          Thread.ofPlatform()
              .start(
                  () -> {
                    await().pollDelay(Duration.ofMillis(300)).until(() -> true);
                    append(List.of(event("late", "finally")));
                  });
      List<StoredEvent> got = sub.poll(10, Duration.ofSeconds(10));
      appender.join();
      assertThat(messages(got)).containsExactly("finally");
      assertThat(sub.poll(10, Duration.ofMillis(50))).isEmpty();
    }
  }

  @Test
  void slowSubscriberDropsAndCountsWithoutDelayingOthers() throws Exception {
    try (TailSubscription slow = store.subscribe("tick", 10);
        TailSubscription fast = store.subscribe("tick", 1000)) {
      List<StoredEvent> got = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        List<LogEvent> batch = new ArrayList<>();
        for (int j = 0; j < 10; j++) {
          batch.add(event("a", "tick " + (i * 10 + j)));
        }
        append(batch);
        got.addAll(fast.poll(1000, Duration.ZERO));
      }
      await()
          .atMost(5, SECONDS)
          .until(
              () -> {
                // all 100 may have arrived in the loop already: poll, then look at the total
                got.addAll(fast.poll(1000, Duration.ofMillis(100)));
                return got.size() == 100;
              });
      assertThat(fast.dropped()).isZero();
      assertThat(slow.matched()).isEqualTo(100);
      assertThat(slow.dropped()).isEqualTo(90);
      assertThat(messages(slow.poll(100, Duration.ZERO)))
          .as("the oldest are kept, newer ones dropped")
          .containsExactly(
              "tick 0", "tick 1", "tick 2", "tick 3", "tick 4", "tick 5", "tick 6", "tick 7",
              "tick 8", "tick 9");
      assertThat(
              registry
                  .counter(
                      IndexMetrics.TAIL_DROPPED,
                      IndexMetrics.TAG_REASON,
                      IndexMetrics.TAIL_DROPPED_QUEUE_FULL)
                  .count())
          .isEqualTo(90);
    }
  }

  @Test
  void closedSubscriptionStopsAndFreesItsSlot() throws Exception {
    TailSubscription sub = store.subscribe("", 10);
    assertThat(registry.get(IndexMetrics.TAIL_SUBSCRIBERS).gauge().value()).isEqualTo(1);
    append(List.of(event("a", "one")));
    await().atMost(5, SECONDS).until(() -> sub.matched() == 1);
    sub.close();
    sub.close();
    assertThat(registry.get(IndexMetrics.TAIL_SUBSCRIBERS).gauge().value()).isZero();
    append(List.of(event("a", "two")));
    assertThat(sub.poll(10, Duration.ofSeconds(5))).as("returns at once, empty").isEmpty();
    try (TailSubscription other = store.subscribe("", 10)) {
      append(List.of(event("a", "three")));
      // "two" may reach it too: a future completes just before the hub is handed the batch
      List<StoredEvent> got = new ArrayList<>();
      await()
          .atMost(5, SECONDS)
          .until(
              () ->
                  got.addAll(other.poll(10, Duration.ofMillis(100)))
                      && got.size() >= 1
                      && messages(got).contains("three"));
    }
    assertThat(sub.matched()).isEqualTo(1);
  }

  @Test
  void closeWakesAWaitingPoll() throws Exception {
    TailSubscription sub = store.subscribe("never", 10);
    Thread closer =
        Thread.ofPlatform()
            .start(
                () -> {
                  await().pollDelay(Duration.ofMillis(200)).until(() -> true);
                  sub.close();
                });
    long start = System.nanoTime();
    assertThat(sub.poll(10, Duration.ofSeconds(30))).isEmpty();
    closer.join();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void manySubscribersEachGetTheirMatchesUpToTheLimit() throws Exception {
    List<TailSubscription> subs = new ArrayList<>();
    try {
      for (int i = 0; i < 1000; i++) {
        subs.add(store.subscribe("host:h" + (i % 10), 10));
      }
      assertThatThrownBy(() -> store.subscribe("", 10))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("1000");
      List<LogEvent> batch = new ArrayList<>();
      for (int h = 0; h < 10; h++) {
        batch.add(event("h" + h, "from h" + h));
      }
      append(batch);
      for (int i = 0; i < subs.size(); i++) {
        List<StoredEvent> got = subs.get(i).poll(10, Duration.ofSeconds(5));
        assertThat(messages(got)).containsExactly("from h" + (i % 10));
      }
    } finally {
      subs.forEach(TailSubscription::close);
    }
    assertThat(registry.get(IndexMetrics.TAIL_SUBSCRIBERS).gauge().value()).isZero();
  }

  @Test
  void rejectsBadQueryAndCapacity() {
    assertThatThrownBy(() -> store.subscribe("status:abc", 10))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("status takes whole numbers");
    assertThatThrownBy(() -> store.subscribe("", 0))
        .isInstanceOf(QueryException.class)
        .hasMessage("capacity 0 outside 1..100000");
    assertThatThrownBy(() -> store.subscribe("", LogTail.MAX_CAPACITY + 1))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("100001");
  }

  @Test
  void journalWriterIsNeverBlockedByAHubThatFallsBehind() throws Exception {
    // 200 distinct wildcard queries (no prefilter applies) make matching far slower than appending
    List<TailSubscription> subs = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        subs.add(store.subscribe("*x" + i + "* OR host:*y" + i + "*", 1));
      }
      long start = System.nanoTime();
      for (int b = 0; b < 30; b++) {
        List<LogEvent> batch = new ArrayList<>();
        for (int j = 0; j < 4000; j++) {
          batch.add(Events.event(NOW, "web-" + j, "app", 6, "message x" + j, Map.of()));
        }
        append(batch);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      System.out.println(
          "appended in " + took + ", first sub matched " + subs.getFirst().matched());
      assertThat(took)
          .as("120k events accepted at journal speed")
          .isLessThan(Duration.ofSeconds(30));
      assertThat(
              registry
                  .counter(
                      IndexMetrics.TAIL_DROPPED,
                      IndexMetrics.TAG_REASON,
                      IndexMetrics.TAIL_DROPPED_HUB_BEHIND)
                  .count())
          .isPositive();
      TailSubscription first = subs.getFirst();
      assertThat(first.dropped()).isPositive().isLessThanOrEqualTo(first.matched());
    } finally {
      subs.forEach(TailSubscription::close);
    }
  }
}
