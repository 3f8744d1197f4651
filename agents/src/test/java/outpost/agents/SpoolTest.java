package outpost.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  static final long MAX = Spool.MIN_MAX_BYTES; // 2 MiB, segments of 256 KiB

  @TempDir Path dir;

  static byte[] rec(int i) {
    return ("line " + i + " " + "x".repeat(100)).getBytes(StandardCharsets.UTF_8);
  }

  static List<Integer> drain(Spool spool) throws IOException {
    List<Integer> out = new ArrayList<>();
    while (true) {
      List<byte[]> batch = spool.peek(100);
      if (batch.isEmpty()) {
        return out;
      }
      for (byte[] b : batch) {
        out.add(Integer.parseInt(new String(b, StandardCharsets.UTF_8).split(" ")[1]));
      }
      spool.commit(batch.size());
    }
  }

  List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
    }
  }

  @Test
  void keepsOrderAcrossSegmentsAndReopening() throws IOException {
    try (Spool spool = Spool.open(dir, MAX)) {
      for (int i = 0; i < 5000; i++) {
        spool.append(rec(i));
      }
      assertThat(segments()).hasSizeGreaterThan(1);
      List<byte[]> first = spool.peek(10);
      spool.commit(first.size());
    }
    try (Spool spool = Spool.open(dir, MAX)) {
      assertThat(spool.size()).isEqualTo(4990);
      assertThat(drain(spool)).containsExactlyElementsOf(range(10, 5000));
      assertThat(spool.isEmpty()).isTrue();
      assertThat(segments()).isEmpty();
    }
  }

  @Test
  void prependedRecordsComeFirst() throws IOException {
    try (Spool spool = Spool.open(dir, MAX)) {
      spool.append(rec(3));
      spool.append(rec(4));
      spool.prepend(List.of(rec(1), rec(2)));
      spool.append(rec(5));
      assertThat(drain(spool)).containsExactly(1, 2, 3, 4, 5);
    }
  }

  @Test
  void dropsTheOldestSegmentWhenFullAndCountsItsLines() throws IOException {
    int n = 40_000; // ~4.8 MiB of records into a 2 MiB spool
    try (Spool spool = Spool.open(dir, MAX)) {
      for (int i = 0; i < n; i++) {
        spool.append(rec(i));
      }
      assertThat(spool.bytes()).isLessThanOrEqualTo(MAX);
      long dropped = spool.droppedRecords();
      assertThat(dropped).isPositive();
      assertThat(spool.size()).isEqualTo(n - dropped);
      assertThat(spool.takeUnreportedDrops()).isEqualTo(dropped);
      assertThat(spool.takeUnreportedDrops()).isZero();
      // what is left is the newest lines, in order, without gaps
      assertThat(drain(spool)).containsExactlyElementsOf(range((int) dropped, n));
    }
  }

  @Test
  void aTornRecordAtTheEndOfASegmentIsCutOffAndTheRestKept() throws IOException {
    try (Spool spool = Spool.open(dir, MAX)) {
      for (int i = 0; i < 10; i++) {
        spool.append(rec(i));
      }
    }
    Path seg = segments().getFirst();
    long size = Files.size(seg);
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
      ch.truncate(size - 7); // a crash in the middle of writing the last record
    }
    try (Spool spool = Spool.open(dir, MAX)) {
      assertThat(spool.corruptRecords()).isEqualTo(1);
      assertThat(drain(spool)).containsExactlyElementsOf(range(0, 9));
    }
  }

  @Test
  void aFlippedByteCutsTheSegmentAtThatRecord() throws IOException {
    try (Spool spool = Spool.open(dir, MAX)) {
      for (int i = 0; i < 10; i++) {
        spool.append(rec(i));
      }
    }
    Path seg = segments().getFirst();
    byte[] bytes = Files.readAllBytes(seg);
    int recordBytes = 8 + rec(0).length;
    bytes[5 * recordBytes + 8 + 3] ^= 0x20; // inside the payload of record 5
    Files.write(seg, bytes);
    try (Spool spool = Spool.open(dir, MAX)) {
      assertThat(spool.corruptRecords()).isEqualTo(1);
      assertThat(drain(spool)).containsExactly(0, 1, 2, 3, 4);
    }
  }

  @Test
  void secondOpenOfTheSameDirectoryIsRefused() throws IOException {
    try (Spool spool = Spool.open(dir, MAX)) {
      assertThat(spool.isEmpty()).isTrue();
      assertThatThrownBy(() -> Spool.open(dir, MAX, 0))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("in use by another outpost agent");
    }
  }

  @Test
  void rejectsABoundBelowTheMinimumAndAnOversizeRecord() throws IOException {
    assertThatThrownBy(() -> Spool.open(dir, 1000))
        .hasMessage("spool size 1000 bytes is below the minimum 2097152");
    try (Spool spool = Spool.open(dir, MAX)) {
      assertThatThrownBy(() -> spool.append(new byte[Spool.MAX_RECORD_BYTES + 1]))
          .hasMessage("spool record of 614401 bytes exceeds limit 614400");
    }
  }

  static List<Integer> range(int from, int to) {
    List<Integer> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(i);
    }
    return out;
  }
}
