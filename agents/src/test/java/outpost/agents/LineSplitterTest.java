package outpost.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
  record Line(String text, boolean truncated, long end) {}

  final List<Line> lines = new ArrayList<>();

  LineSplitter splitter(int max) {
    return new LineSplitter(
        max,
        100,
        (b, n, t, end) -> lines.add(new Line(new String(b, 0, n, StandardCharsets.UTF_8), t, end)));
  }

  static void feed(LineSplitter s, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    s.feed(b, 0, b.length);
  }

  @Test
  void splitsOnNewlineOnlyAcrossChunksAndKeepsCarriageReturn() {
    LineSplitter s = splitter(100);
    feed(s, "one\r\ntw");
    feed(s, "o\n\nthree");
    assertThat(lines)
        .containsExactly(
            new Line("one\r", false, 105), new Line("two", false, 109), new Line("", false, 110));
    assertThat(s.hasPartialLine()).isTrue();
    s.finish();
    assertThat(lines.getLast()).isEqualTo(new Line("three", false, 115));
  }

  @Test
  void cutsLongLinesOnACharacterBoundaryAndSkipsToTheNextLine() {
    LineSplitter s = splitter(10);
    feed(s, "abcdefghé"); // é is 2 bytes at 8..9: fits exactly
    feed(s, "XYZ\nabcdefghiéZ\nok\n"); // é would straddle byte 10: cut before it
    assertThat(lines)
        .containsExactly(
            new Line("abcdefghé", true, 114),
            new Line("abcdefghi", true, 127),
            new Line("ok", false, 130));
  }
}
