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
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A full disk pauses appends and resumes them without loss. Needs a small file system of its own,
 * named by {@code OUTPOST_SMALL_FS} (e.g. {@code mount -t tmpfs -o size=8m tmpfs /tmp/smallfs}).
 */
@EnabledIfEnvironmentVariable(named = "OUTPOST_SMALL_FS", matches = ".+")
class DiskFullTest {
  static final long HEADROOM = 512 * 1024;

  /** Writes real bytes (a sparse file would take no space) until HEADROOM is left. */
  static void fill(Path fs, Path filler) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    try (RandomAccessFile f = new RandomAccessFile(filler.toFile(), "rw")) {
      while (Files.getFileStore(fs).getUsableSpace() > HEADROOM + chunk.length) {
        f.write(chunk);
      }
      f.getFD().sync();
    }
  }

  @Test
  void fullDiskPausesAppendsAndResumesWithoutLoss() throws Exception {
    Path fs = Path.of(System.getenv("OUTPOST_SMALL_FS"));
    Path dir = Files.createTempDirectory(fs, "store");
    Path filler = fs.resolve("filler-" + dir.getFileName());
    StoreConfig config =
        StoreConfig.defaults(dir)
            .withRetention(Duration.ofDays(30), Long.MAX_VALUE, 0)
            .withSegmentBytes(1 << 20);
    try (LuceneLogStore store =
        LuceneLogStore.open(
            config, InstantSource.fixed(LuceneLogStoreTest.NOW), new SimpleMeterRegistry())) {
      fill(fs, filler);
      List<CompletableFuture<Void>> accepted = new ArrayList<>();
      int offered = 0;
      CompletableFuture<Void> f;
      while ((f = store.tryAppend(LuceneLogStoreTest.numbered(200, LuceneLogStoreTest.NOW)))
          != null) {
        accepted.add(f);
        offered += 200;
        assertThat(offered).as("the disk never filled").isLessThan(1_000_000);
        if (!store.status().writable()) {
          break;
        }
      }
      await().atMost(10, SECONDS).until(() -> !store.status().writable());
      assertThat(store.tryAppend(LuceneLogStoreTest.numbered(1, LuceneLogStoreTest.NOW))).isNull();
      assertThat(store.status().pausedReason()).contains("No space left");
      AtomicBoolean writable = new AtomicBoolean();
      store.whenWritable(() -> writable.set(true));
      assertThat(writable).isFalse();

      Files.delete(filler);
      await().atMost(10, SECONDS).untilTrue(writable);
      CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).get(10, SECONDS);
      long durable = 200L * accepted.size();
      await()
          .atMost(20, SECONDS)
          .untilAsserted(() -> assertThat(LuceneLogStoreTest.count(store, "")).isEqualTo(durable));
    } finally {
      Files.deleteIfExists(filler);
    }
  }
}
