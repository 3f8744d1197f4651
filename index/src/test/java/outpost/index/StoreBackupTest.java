package outpost.index;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.backup.BackupSink;
import outpost.index.backup.LuceneStoreBackup;
import outpost.index.backup.StoreBackup;

/**
 * A backup of the running store (partitions of three days, some committed, some events only in the
 * journal) opens as a store holding every event acknowledged before the backup; so does an offline
 * backup of a closed one.
 */
class StoreBackupTest {
  @TempDir Path dir;
  private final List<LuceneLogStore> stores = new ArrayList<>();

  @AfterEach
  void closeAll() throws IOException {
    for (LuceneLogStore s : stores) {
      s.close();
    }
  }

  private LuceneLogStore open(Path data) throws IOException {
    LuceneLogStore s =
        LuceneLogStore.open(
            StoreConfig.defaults(data).withCommitInterval(Duration.ofMillis(200)),
            InstantSource.fixed(LuceneLogStoreTest.NOW),
            new SimpleMeterRegistry());
    stores.add(s);
    return s;
  }

  @Test
  void onlineBackupHoldsCommittedPartitionsAndTheJournalTail() throws IOException {
    LuceneLogStore store = open(dir.resolve("data"));
    for (int day = 2; day >= 0; day--) {
      LuceneLogStoreTest.append(
          store,
          LuceneLogStoreTest.numbered(300, LuceneLogStoreTest.NOW.minus(Duration.ofDays(day))));
    }
    await().atMost(10, SECONDS).until(() -> store.status().committedSeq() >= 900);
    LuceneLogStoreTest.append(store, LuceneLogStoreTest.numbered(300, LuceneLogStoreTest.NOW));

    StoreBackup.Summary summary = store.backup().backup(new CopySink(dir.resolve("copy")));

    assertThat(summary.partitions()).isEqualTo(3);
    assertThat(summary.journalSeq()).isGreaterThanOrEqualTo(1200);
    LuceneLogStore restored = open(dir.resolve("copy"));
    assertThat(LuceneLogStoreTest.count(restored, "message")).isEqualTo(1200);
  }

  @Test
  void offlineBackupOfAClosedStore() throws IOException {
    LuceneLogStore store = open(dir.resolve("data"));
    LuceneLogStoreTest.append(store, LuceneLogStoreTest.numbered(500, LuceneLogStoreTest.NOW));
    store.close();

    StoreBackup.Summary summary =
        LuceneStoreBackup.offline(dir.resolve("data")).backup(new CopySink(dir.resolve("copy")));

    assertThat(summary.journalSeq()).isEqualTo(500);
    assertThat(LuceneLogStoreTest.count(open(dir.resolve("copy")), "message")).isEqualTo(500);
  }

  /** Copies into a directory laid out like a data directory. */
  private record CopySink(Path root) implements BackupSink {
    @Override
    public void copy(Path source, String name, String fingerprint) throws IOException {
      copyRange(source, name, new byte[0], 0, Files.size(source));
    }

    @Override
    public void copyRange(Path source, String name, byte[] header, long offset, long length)
        throws IOException {
      try (InputStream in = Files.newInputStream(source)) {
        in.skipNBytes(offset);
        byte[] body = in.readNBytes((int) length);
        byte[] all = java.util.Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, all, header.length, body.length);
        write(name, all);
      }
    }

    @Override
    public void write(String name, byte[] content) throws IOException {
      Path target = root.resolve(name);
      Files.createDirectories(target.getParent());
      Files.write(target, content);
    }

    @Override
    public void progress(String message) {}
  }
}
