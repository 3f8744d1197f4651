package outpost.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pinned commit keeps its files while the partition commits again, and frees them after. */
class DayPartitionSnapshotTest {
  @TempDir Path dir;
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void snapshotFilesOutliveLaterCommitsUntilReleased() throws IOException {
    try (DayPartition p = DayPartition.open(LocalDate.of(2026, 11, 23), dir, 16, pool)) {
      assertThat(p.snapshot()).as("nothing committed yet").isNull();
      add(p, 1);
      p.commit(1);

      PartitionSnapshot snapshot = p.snapshot();
      String commitFile =
          snapshot.files().stream()
              .filter(f -> f.startsWith("segments_"))
              .findFirst()
              .orElseThrow();
      add(p, 2);
      p.commit(2);
      add(p, 3);
      p.commit(3);

      assertThat(snapshot.journalSeq()).isEqualTo(1);
      assertThat(p.snapshotHeld()).isTrue();
      assertThat(snapshot.files()).allSatisfy(f -> assertThat(dir.resolve(f)).exists());
      snapshot.close();
      assertThat(p.snapshotHeld()).isFalse();
      assertThat(dir.resolve(commitFile)).doesNotExist();
      assertThat(Files.exists(dir.resolve("segments_3"))).isTrue();
    }
  }

  private static void add(DayPartition p, long seq) throws IOException {
    p.add(seq, List.of(new StringField("id", Long.toString(seq), Field.Store.NO)));
  }
}
