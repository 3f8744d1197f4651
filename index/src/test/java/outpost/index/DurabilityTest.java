package outpost.index;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Journal tails, segment deletion and retention, each on a real data directory. */
class DurabilityTest {
  static final Instant NOW = LuceneLogStoreTest.NOW;
  static final Instant FROM = NOW.minus(Duration.ofDays(10));
  static final Instant TO = NOW.plus(Duration.ofDays(10));

  @TempDir Path dir;

  LuceneLogStore open(StoreConfig config, Instant now) throws IOException {
    return LuceneLogStore.open(config, InstantSource.fixed(now), new SimpleMeterRegistry());
  }

  static long count(LogSearch s) {
    return s.search(new SearchRequest("", FROM, TO, 1, "")).total();
  }

  Path lastSegment() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
      return files.sorted().reduce((a, b) -> b).orElseThrow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"cut", "garble", "garbage"})
  void tornTailIsCutOffAndStartupProceeds(String damage) throws Exception {
    LuceneLogStore first = open(StoreConfig.defaults(dir), NOW);
    LuceneLogStoreTest.append(first, LuceneLogStoreTest.numbered(100, NOW));
    LuceneLogStoreTest.append(first, LuceneLogStoreTest.numbered(50, NOW.plusSeconds(1)));
    first.simulateCrash();
    Path segment = lastSegment();
    long size = Files.size(segment);
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      switch (damage) {
        case "cut" -> f.setLength(size - 7);
        case "garble" -> {
          f.seek(size - 20);
          f.write(new byte[] {1, 2, 3, 4});
        }
        default -> {
          f.seek(size);
          f.write(new byte[] {0x7f, 0, 0, 0, 9, 9});
        }
      }
    }
    try (LuceneLogStore second = open(StoreConfig.defaults(dir), NOW)) {
      long expected = damage.equals("garbage") ? 150 : 100;
      assertThat(count(second)).isEqualTo(expected);
      assertThat(second.status().journalTruncations())
          .singleElement()
          .asString()
          .contains(segment.getFileName().toString(), "corrupt at offset");
      LuceneLogStoreTest.append(second, LuceneLogStoreTest.numbered(5, NOW.plusSeconds(2)));
      await()
          .atMost(1, SECONDS)
          .untilAsserted(() -> assertThat(count(second)).isEqualTo(expected + 5));
    }
    try (LuceneLogStore third = open(StoreConfig.defaults(dir), NOW)) {
      assertThat(third.status().journalTruncations()).isEmpty();
    }
  }

  @Test
  void committedJournalSegmentsAreDeleted() throws IOException {
    StoreConfig config =
        StoreConfig.defaults(dir).withSegmentBytes(8192).withCommitInterval(Duration.ofMillis(100));
    try (LuceneLogStore store = open(config, NOW)) {
      for (int i = 0; i < 50; i++) {
        LuceneLogStoreTest.append(store, LuceneLogStoreTest.numbered(20, NOW.plusMillis(i * 20L)));
      }
      await()
          .atMost(5, SECONDS)
          .untilAsserted(
              () -> {
                assertThat(store.status().committedSeq()).isEqualTo(1000);
                assertThat(store.status().journalBytes()).isLessThan(20_000);
              });
    }
  }

  @Test
  void retentionDeletesDaysOlderThanTheRetentionPeriod() throws IOException {
    StoreConfig config =
        StoreConfig.defaults(dir).withRetention(Duration.ofDays(3), Long.MAX_VALUE, 0);
    try (LuceneLogStore store = open(config, NOW)) {
      for (int d = 2; d >= 0; d--) {
        LuceneLogStoreTest.append(
            store, LuceneLogStoreTest.numbered(10, NOW.minus(Duration.ofDays(d))));
      }
    }
    try (LuceneLogStore later = open(config, NOW.plus(Duration.ofDays(3)))) {
      await()
          .atMost(5, SECONDS)
          .untilAsserted(() -> assertThat(later.status().deletions()).hasSize(2));
      assertThat(later.status().deletions())
          .extracting(RetentionDeletion::reason)
          .containsOnly("age");
      assertThat(later.status().deletions())
          .extracting(RetentionDeletion::day)
          .containsExactly(
              NOW.minus(Duration.ofDays(1)).atOffset(java.time.ZoneOffset.UTC).toLocalDate(),
              NOW.minus(Duration.ofDays(2)).atOffset(java.time.ZoneOffset.UTC).toLocalDate());
      assertThat(later.status().partitions()).isEqualTo(1);
      assertThat(count(later)).isEqualTo(10);
    }
  }

  @Test
  void retentionDeletesOldestDaysOverTheDiskBudget() throws IOException {
    try (LuceneLogStore store = open(StoreConfig.defaults(dir), NOW)) {
      for (int d = 2; d >= 0; d--) {
        LuceneLogStoreTest.append(
            store, LuceneLogStoreTest.numbered(10, NOW.minus(Duration.ofDays(d))));
      }
    }
    StoreConfig tiny = StoreConfig.defaults(dir).withRetention(Duration.ofDays(30), 1, 0);
    try (LuceneLogStore store = open(tiny, NOW)) {
      await()
          .atMost(5, SECONDS)
          .untilAsserted(() -> assertThat(store.status().partitions()).isEqualTo(1));
      assertThat(store.status().deletions())
          .extracting(RetentionDeletion::reason)
          .containsExactly("budget", "budget");
      assertThat(count(store)).isEqualTo(10);
      List<Long> left =
          store.search(new SearchRequest("", FROM, TO, 100, "")).hits().stream()
              .map(h -> h.event().timestamp().toEpochMilli())
              .toList();
      assertThat(left).allMatch(t -> t >= NOW.toEpochMilli());
    }
  }
}
