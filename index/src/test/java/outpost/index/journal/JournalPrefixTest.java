package outpost.index.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How much of a segment a backup copies: whole records up to a sequence number, no torn tail. */
class JournalPrefixTest {
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
  void stopsAtTheLastRecordWithinTheSequence() throws IOException {
    Path file = dir.resolve("segment.wal");
    int[] ends = writeSegment(file, new byte[0]);

    assertThat(JournalPrefix.scan(file, 5)).isEqualTo(new JournalPrefix.Prefix(ends[1], 5));
    assertThat(JournalPrefix.scan(file, 8)).isEqualTo(new JournalPrefix.Prefix(ends[1], 5));
    assertThat(JournalPrefix.scan(file, Long.MAX_VALUE))
        .isEqualTo(new JournalPrefix.Prefix(ends[2], 9));
    assertThat(JournalPrefix.scan(file, 0))
        .isEqualTo(new JournalPrefix.Prefix(JournalRecords.MAGIC.length, 0));
  }

  @Test
  void leavesOutATornTail() throws IOException {
    Path file = dir.resolve("segment.wal");
    int[] ends = writeSegment(file, new byte[] {0, 0, 1, 0, 7, 7, 7, 7, 1, 2});

    assertThat(JournalPrefix.scan(file, Long.MAX_VALUE).length()).isEqualTo(ends[2]);
  }

  @Test
  void aFileWithoutTheHeaderHasNoPrefix() throws IOException {
    Path file = Files.writeString(dir.resolve("segment.wal"), "not a journal segment");

    assertThat(JournalPrefix.scan(file, Long.MAX_VALUE).length()).isZero();
  }
}
