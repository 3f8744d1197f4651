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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An indexer slower than ingest: the journal keeps accepting far beyond the indexer's queue, the
 * indexer reads the journal back, and every event ends up searchable exactly once with its sequence
 * number as id, also across a crash while spilling.
 */
class SpillTest {
  static final Instant NOW = LuceneLogStoreTest.NOW;
  static final Instant FROM = NOW.minus(Duration.ofDays(1));
  static final Instant TO = NOW.plus(Duration.ofDays(1));
  static final int QUEUE_BATCHES = 2;
  static final int BATCH = 50;
  static final int BATCHES = 100;

  @TempDir Path dir;

  /** A fixed clock that holds the indexer thread (which reads it for retention) while closed. */
  static final class GateClock implements InstantSource {
    private final CountDownLatch open = new CountDownLatch(1);

    @Override
    public Instant instant() {
      if (Thread.currentThread().getName().equals("outpost-indexer")) {
        try {
          open.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return NOW;
    }

    void open() {
      open.countDown();
    }
  }

  private final GateClock gate = new GateClock();

  @AfterEach
  void openGate() {
    gate.open(); // never leave the indexer thread stuck
  }

  StoreConfig config() {
    StoreConfig d = StoreConfig.defaults(dir);
    return new StoreConfig(
        dir,
        d.retention(),
        d.diskBudgetBytes(),
        0,
        d.refreshInterval(),
        Duration.ofMillis(100),
        d.queueCapacityBatches(),
        QUEUE_BATCHES,
        8192, // many small segments: the reader crosses segments, commits delete them
        16,
        d.diskRetryInterval(),
        d.retentionInterval());
  }

  LuceneLogStore open(InstantSource clock) throws IOException {
    return LuceneLogStore.open(config(), clock, new SimpleMeterRegistry());
  }

  static List<LogEvent> batch(int first) {
    List<LogEvent> out = new ArrayList<>();
    for (int i = first; i < first + BATCH; i++) {
      out.add(Events.event(NOW.minusSeconds(3600).plusMillis(i), "web", "app", 6, "number " + i));
    }
    return out;
  }

  /** Appends batches {@code from..to-1} and waits until each is durable. */
  static void appendDurably(LogSink store, int from, int to) {
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int b = from; b < to; b++) {
      List<LogEvent> events = batch(b * BATCH);
      CompletableFuture<Void> f = store.tryAppend(events);
      while (f == null) { // the journal's own queue is full for a moment
        CompletableFuture<Void> retry = new CompletableFuture<>();
        store.whenWritable(() -> retry.complete(null));
        retry.orTimeout(5, SECONDS).join();
        f = store.tryAppend(events);
      }
      done.add(f);
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).orTimeout(5, SECONDS).join();
  }

  /** Every event searchable once, its id the sequence number it was journaled with. */
  static void assertExactlyOnceInOrder(LogSearch store, int events) {
    List<StoredEvent> hits = new ArrayList<>();
    String after = "";
    do {
      SearchPage page = store.search(new SearchRequest("", FROM, TO, 1000, after));
      assertThat(page.total()).isEqualTo(events);
      hits.addAll(page.hits());
      after = page.nextCursor();
    } while (!after.isEmpty());
    assertThat(hits).hasSize(events);
    for (StoredEvent hit : hits) {
      assertThat(hit.event().message()).isEqualTo("number " + (hit.id() - 1));
    }
    assertThat(hits.stream().mapToLong(StoredEvent::id).distinct().count()).isEqualTo(events);
  }

  @Test
  void acceptsFarBeyondTheIndexQueueAndIndexesEverythingOnceInOrder() throws IOException {
    try (LuceneLogStore store = open(gate)) {
      StoreStatus held;
      try {
        appendDurably(store, 0, BATCHES);
        held = store.status();
      } finally {
        gate.open(); // a blocking handoff would otherwise hang close
      }
      assertThat(held.journaledSeq()).isEqualTo((long) BATCHES * BATCH);
      assertThat(held.indexingLag()).isGreaterThan((long) (QUEUE_BATCHES + 1) * BATCH);

      appendDurably(store, BATCHES, 2 * BATCHES); // handoffs race the catch-up
      int events = 2 * BATCHES * BATCH;
      await()
          .atMost(10, SECONDS)
          .untilAsserted(
              () -> {
                assertThat(store.status().indexingLag()).isZero();
                assertThat(DurabilityTest.count(store)).isEqualTo(events);
              });
      assertExactlyOnceInOrder(store, events);

      appendDurably(store, 2 * BATCHES, 2 * BATCHES + 1); // queued again after catching up
      await()
          .atMost(5, SECONDS)
          .untilAsserted(() -> assertThat(DurabilityTest.count(store)).isEqualTo(events + BATCH));
    }
  }

  @Test
  void crashWhileSpillingLosesAndDuplicatesNothing() throws Exception {
    LuceneLogStore first = open(gate);
    long lag;
    try {
      appendDurably(first, 0, BATCHES);
      lag = first.status().indexingLag();
    } finally {
      gate.open();
    }
    assertThat(lag).isGreaterThan((long) (QUEUE_BATCHES + 1) * BATCH);
    appendDurably(first, BATCHES, 2 * BATCHES);
    first.simulateCrash();

    try (LuceneLogStore second = open(InstantSource.fixed(NOW))) {
      assertThat(second.status().indexingLag()).isZero();
      assertExactlyOnceInOrder(second, 2 * BATCHES * BATCH);
      appendDurably(second, 2 * BATCHES, 2 * BATCHES + 1);
      assertThat(second.status().journaledSeq()).isEqualTo((2L * BATCHES + 1) * BATCH);
    }
  }
}
