package outpost.index.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage inside a segment costs only the damaged record, not everything written after it. */
class JournalDamageTest {
  @TempDir Path dir;

  @Test
  void damagedRecordInsideTheActiveSegmentIsSkippedAndLaterRecordsReplay() throws IOException {
    Path segment = writeTenBatchesOfFive(1 << 20);
    long size = Files.size(segment);
    flipByteAt(segment, size / 2); // bit rot in the middle, not a torn tail

    List<JournaledBatch> replayed = replayAll();

    long events = replayed.stream().mapToLong(b -> b.events().size()).sum();
    assertThat(events).as("only the damaged batch of 5 is lost").isEqualTo(45);
    assertThat(replayed.get(replayed.size() - 1).lastSeq()).isEqualTo(50);
    assertThat(Files.size(segment)).as("nothing valid is cut off").isEqualTo(size);
  }

  @Test
  void damagedRecordInAnOlderSegmentKeepsTheRestOfThatSegment() throws IOException {
    writeTenBatchesOfFive(1024); // rolls into several segments of a few records each
    List<Map.Entry<Long, Path>> entries = JournalSegments.open(dir).list();
    assertThat(entries.size()).isGreaterThan(1);
    assertThat(entries.get(1).getKey())
        .as("the first segment holds more than the batch that gets damaged")
        .isGreaterThan(6L);
    List<Path> segments = entries.stream().map(Map.Entry::getValue).toList();
    Path first = segments.get(0);
    flipByteAt(first, JournalRecords.MAGIC.length + JournalRecords.HEADER_BYTES + 3);

    JournalSegments reopened = JournalSegments.open(dir);
    List<JournaledBatch> replayed = new ArrayList<>();
    JournalReplay.Result result = JournalReplay.replay(reopened, 0, 1, replayed::add);

    assertThat(replayed.stream().mapToLong(b -> b.events().size()).sum()).isEqualTo(45);
    assertThat(replayed.get(0).firstSeq()).as("the first batch was damaged").isEqualTo(6);
    assertThat(result.truncations())
        .singleElement()
        .asString()
        .contains(first.toString())
        .contains("skipped");
  }

  private Path writeTenBatchesOfFive(long segmentBytes) throws IOException {
    JournalSegments segments = JournalSegments.open(dir);
    JournalReplay.Result empty = JournalReplay.replay(segments, 0, 1, b -> {});
    try (Journal journal =
        new Journal(
            segments,
            empty,
            segmentBytes,
            16,
            Duration.ofMillis(100),
            b -> {},
            new SimpleMeterRegistry())) {
      journal.start();
      for (int i = 0; i < 10; i++) {
        journal.tryAppend(JournalTest.batch(5)).join();
      }
    }
    List<Map.Entry<Long, Path>> list = JournalSegments.open(dir).list();
    return list.get(list.size() - 1).getValue();
  }

  private List<JournaledBatch> replayAll() throws IOException {
    List<JournaledBatch> replayed = new ArrayList<>();
    JournalReplay.replay(JournalSegments.open(dir), 0, 1, replayed::add);
    return replayed;
  }

  private static void flipByteAt(Path file, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0xFF);
    }
  }
}
