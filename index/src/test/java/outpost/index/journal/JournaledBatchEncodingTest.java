package outpost.index.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.LogEvent;

/** The indexer stores each event's journal encoding as it is: it must decode to that event. */
class JournaledBatchEncodingTest {
  @TempDir Path dir;

  private static List<LogEvent> events(int first, int n) {
    List<LogEvent> out = new ArrayList<>();
    for (int i = first; i < first + n; i++) {
      String message = "10.0.0." + i + " GET /page/" + i + " 200 ünïcödé";
      out.add(
          new LogEvent(
              Instant.EPOCH.plusSeconds(i),
              Instant.EPOCH.plusSeconds(i + 1),
              "host-" + i,
              "app",
              "",
              "",
              1,
              6,
              message,
              "<14>1 - host-" + i + " app - - - " + message,
              Map.of("client_ip", "10.0.0." + i, "path", "/page/" + i, "x" + i, "v"),
              "tcp",
              ""));
    }
    return out;
  }

  private static void assertEncodingsDecodeToEvents(JournaledBatch batch) {
    assertThat(batch.encoded()).isNotNull();
    assertThat(batch.offsets()).hasSize(batch.events().size() + 1);
    for (int i = 0; i < batch.events().size(); i++) {
      int from = batch.offsets()[i];
      ByteSource in = new ByteSource(batch.encoded(), from, batch.offsets()[i + 1] - from);
      assertThat(EventCodec.decode(in)).isEqualTo(batch.events().get(i));
      assertThat(in.hasRemaining()).isFalse();
    }
  }

  @Test
  void handedOffAndReplayedBatchesCarryEachEventsEncoding() throws IOException {
    List<JournaledBatch> handed = new ArrayList<>();
    JournalSegments segments = JournalSegments.open(dir);
    JournalReplay.Result r = JournalReplay.replay(segments, 0, 1, b -> {});
    try (Journal j =
        new Journal(
            segments,
            r,
            4096,
            16,
            Duration.ofMillis(100),
            handed::add,
            new SimpleMeterRegistry())) {
      j.start();
      for (int b = 0; b < 5; b++) {
        j.tryAppend(events(b * 7, 7)).join();
      }
    }
    assertThat(handed).hasSize(5);
    handed.forEach(JournaledBatchEncodingTest::assertEncodingsDecodeToEvents);

    List<JournaledBatch> replayed = new ArrayList<>();
    JournalReplay.replay(JournalSegments.open(dir), 0, 1, replayed::add);
    assertThat(replayed).hasSize(5);
    replayed.forEach(JournaledBatchEncodingTest::assertEncodingsDecodeToEvents);
    assertThat(replayed.get(4).events()).isEqualTo(handed.get(4).events());
  }

  @Test
  void rejectsOffsetsThatDoNotMatchTheEvents() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new JournaledBatch(1, events(0, 2), new byte[10], new int[] {0, 10}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 offsets for 2 events");
  }
}
