package outpost.index.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which records of a segment a backup copies: after the checkpoint, up to the durable position. */
class JournalRangeTest {
  @TempDir Path dir;

  /** A segment with three records: events 1-3, 4-5, 6-9; returns the record end offsets. */
  private int[] writeSegment(Path file, byte[] tail) throws IOException {
    ByteSink sink = new ByteSink(1024);
    sink.write(JournalRecords.MAGIC, 0, JournalRecords.MAGIC.length);
    JournalRecords.encode(1, JournalTest.batch(3), sink);
    int first = sink.size();
    JournalRecords.encode(4, JournalTest.batch(2), sink);
    int second = sink.size();
    JournalRecords.encode(6, JournalTest.batch(4), sink);
    int third = sink.size();
    byte[] bytes = Arrays.copyOf(sink.array(), sink.size() + tail.length);
    System.arraycopy(tail, 0, bytes, sink.size(), tail.length);
    Files.write(file, bytes);
    return new int[] {first, second, third};
  }

  @Test
  void keepsTheRecordsAfterTheCheckpointUpToTheDurablePosition() throws IOException {
    Path file = dir.resolve("segment.wal");
    int[] ends = writeSegment(file, new byte[0]);
    int magic = JournalRecords.MAGIC.length;

    assertThat(JournalRange.scan(file, 0, 5))
        .isEqualTo(new JournalRange.Range(magic, ends[1], 1, 5));
    assertThat(JournalRange.scan(file, 0, 8))
        .isEqualTo(new JournalRange.Range(magic, ends[1], 1, 5));
    assertThat(JournalRange.scan(file, 4, Long.MAX_VALUE))
        .as("the record holding event 5 is kept whole")
        .isEqualTo(new JournalRange.Range(ends[0], ends[2], 4, 9));
    assertThat(JournalRange.scan(file, 5, 9))
        .isEqualTo(new JournalRange.Range(ends[1], ends[2], 6, 9));
    assertThat(JournalRange.scan(file, 9, 9).isEmpty()).isTrue();
    assertThat(JournalRange.scan(file, 0, 0).isEmpty()).isTrue();
  }

  @Test
  void leavesOutATornTail() throws IOException {
    Path file = dir.resolve("segment.wal");
    int[] ends = writeSegment(file, new byte[] {0, 0, 1, 0, 7, 7, 7, 7, 1, 2});

    assertThat(JournalRange.scan(file, 0, Long.MAX_VALUE).end()).isEqualTo(ends[2]);
  }

  @Test
  void aFileWithoutTheHeaderHasNothing() throws IOException {
    Path file = Files.writeString(dir.resolve("segment.wal"), "not a journal segment");

    assertThat(JournalRange.scan(file, 0, Long.MAX_VALUE).isEmpty()).isTrue();
  }
}
