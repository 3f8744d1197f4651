package outpost.index.journal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.LogEvent;

class JournalTest {
  @TempDir Path dir;

  static List<LogEvent> batch(int n) {
    List<LogEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new LogEvent(
              Instant.EPOCH.plusSeconds(i),
              Instant.EPOCH,
              "h",
              "a",
              "",
              "",
              1,
              6,
              "event " + i,
              "raw " + i,
              Map.of(),
              "tcp",
              ""));
    }
    return out;
  }

  Journal open(int capacity, Journal.Handoff handoff) throws IOException {
    JournalSegments segments = JournalSegments.open(dir);
    JournalReplay.Result r = JournalReplay.replay(segments, 0, 1, b -> {});
    return new Journal(
        segments, r, 4096, capacity, Duration.ofMillis(100), handoff, new SimpleMeterRegistry());
  }

  @Test
  void assignsIncreasingSequenceNumbersAndReplaysThemAfterRestart() throws IOException {
    List<JournaledBatch> handed = new ArrayList<>();
    try (Journal j = open(16, handed::add)) {
      j.start();
      for (int i = 0; i < 20; i++) {
        j.tryAppend(batch(10)).join();
      }
      assertThat(j.durableSeq()).isEqualTo(200);
    }
    assertThat(handed).extracting(JournaledBatch::firstSeq).startsWith(1L, 11L, 21L);
    List<JournaledBatch> replayed = new ArrayList<>();
    JournalSegments segments = JournalSegments.open(dir);
    assertThat(segments.list().size()).isGreaterThan(1); // rolled at 4 KiB
    JournalReplay.Result r = JournalReplay.replay(segments, 95, 96, replayed::add);
    assertThat(r.nextSeq()).isEqualTo(201);
    assertThat(r.truncations()).isEmpty();
    // the batch holding 91..100 is replayed whole; the store skips what it holds
    assertThat(replayed.get(0).firstSeq()).isEqualTo(91);
    assertThat(replayed.get(replayed.size() - 1).lastSeq()).isEqualTo(200);
    assertThat(replayed.get(3).events()).isEqualTo(handed.get(12).events());
  }

  @Test
  void fullQueueReturnsNullAndWhenWritableRunsOnceThereIsRoom() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch stuck = new CountDownLatch(1);
    Journal j =
        open(
            2,
            b -> {
              stuck.countDown();
              try {
                release.await(); // the indexer is stuck: the journal backs up
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    j.start();
    List<CompletableFuture<Void>> accepted = new ArrayList<>();
    accepted.add(j.tryAppend(batch(1)));
    assertThat(stuck.await(5, SECONDS)).isTrue();
    CompletableFuture<Void> f;
    while ((f = j.tryAppend(batch(1))) != null) {
      accepted.add(f);
    }
    AtomicInteger calls = new AtomicInteger();
    j.whenWritable(calls::incrementAndGet);
    assertThat(calls).hasValue(0);
    release.countDown();
    await().atMost(5, SECONDS).untilAsserted(() -> assertThat(calls).hasValue(1));
    j.close();
    j.close();
    assertThat(accepted).allMatch(CompletableFuture::isDone);
  }

  @Test
  void deletesSegmentsOnlyOnceCommittedAndNeverTheActiveOne() throws IOException {
    try (Journal j = open(16, b -> {})) {
      j.start();
      for (int i = 0; i < 20; i++) {
        j.tryAppend(batch(10)).join();
      }
      JournalSegments segments = JournalSegments.open(dir);
      int before = segments.list().size();
      j.deleteThrough(0);
      assertThat(JournalSegments.open(dir).list()).hasSize(before);
      j.deleteThrough(Long.MAX_VALUE);
      assertThat(JournalSegments.open(dir).list()).hasSize(1);
    }
  }
}
