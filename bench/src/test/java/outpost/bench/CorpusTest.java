package outpost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {
  private static final String LINE =
      "83.149.9.216 - - [17/May/2015:10:05:03 +0000] \"GET /a.png HTTP/1.1\" 503 203 \"-\" \"x\"";

  @TempDir Path dir;

  private Corpus corpus(String... lines) throws IOException {
    Path file = dir.resolve("access.log");
    Files.write(file, java.util.List.of(lines));
    return Corpus.load(file, 3);
  }

  @Test
  void encodesOctetCountedRfc5424WithPatchableTimestamp() throws IOException {
    Corpus c = corpus(LINE, LINE.replace(" 503 ", " 404 "));
    EncodedMessages m = c.encode(1, true);
    m.stamp(0, 2, "2026-11-23T10:45:00.123Z".getBytes(StandardCharsets.US_ASCII));

    String first = text(m.slice(0, 1));
    String message = first.substring(first.indexOf(' ') + 1);
    assertThat(Integer.parseInt(first.substring(0, first.indexOf(' '))))
        .isEqualTo(message.getBytes(StandardCharsets.UTF_8).length);
    assertThat(message)
        .isEqualTo("<132>1 2026-11-23T10:45:00.123Z web-02 apache 2001 access - " + c.body(1));
    assertThat(text(m.slice(1, 2))).contains("<131>1 2026-11-23T10:45:00.123Z web-01 ");
    assertThat(m.bytes(0, 2)).isEqualTo(first.length() + text(m.slice(1, 2)).length());
  }

  @Test
  void encodesDatagramsWithoutFraming() throws IOException {
    Corpus c = corpus(LINE);
    assertThat(text(c.encode(0, false).slice(0, 1))).startsWith("<131>1 1970-01-01T00:00:00.000Z ");
  }

  @Test
  void writesRfc3164WithSpacePaddedDay() throws IOException {
    Corpus c = corpus(LINE);
    assertThat(c.bsdMessage(0, Instant.parse("2026-11-03T01:02:03Z")))
        .isEqualTo("<131>Nov  3 01:02:03 web-01 apache[2000]: " + LINE);
  }

  private static String text(ByteBuffer b) {
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
