package outpost.index.tail;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import outpost.index.IndexMetrics;
import outpost.index.LogEvent;
import outpost.index.TailSubscription;
import outpost.index.journal.JournaledBatch;

/** The hub's hand-off, with its thread not started so it stays behind. */
class TailHubTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  static JournaledBatch batch(long firstSeq, int size) {
    List<LogEvent> events = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      events.add(new LogEvent(NOW, NOW, "h", "a", "", "", 1, 6, "m" + i, "raw", null, "tcp", ""));
    }
    return new JournaledBatch(firstSeq, events);
  }

  @Test
  void publishNeverWaitsForAHubThatIsBehindAndCountsWhatItSkips() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (TailHub hub = new TailHub(registry)) { // not started: nothing is ever drained
      TailSubscription a = hub.subscribe("", 10);
      TailSubscription b = hub.subscribe("m1", 10);
      JournaledBatch batch = batch(1, 1000);
      long start = System.nanoTime();
      for (int i = 0; i < 300; i++) {
        hub.publish(batch);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      long skipped = 300L * 1000 - TailHub.MAX_PENDING_EVENTS;
      assertThat(a.dropped()).isEqualTo(skipped);
      assertThat(a.matched()).isEqualTo(skipped);
      assertThat(b.dropped()).isEqualTo(skipped);
      assertThat(
              registry
                  .counter(
                      IndexMetrics.TAIL_DROPPED,
                      IndexMetrics.TAG_REASON,
                      IndexMetrics.TAIL_DROPPED_HUB_BEHIND)
                  .count())
          .isEqualTo(2.0 * skipped);
      a.close();
      assertThat(a.dropped()).as("frozen once closed").isEqualTo(skipped);
      hub.publish(batch);
      assertThat(a.dropped()).isEqualTo(skipped);
      assertThat(b.dropped()).isEqualTo(skipped + 1000);
    }
  }

  @Test
  void publishWithoutSubscribersQueuesNothing() throws Exception {
    try (TailHub hub = new TailHub(new SimpleMeterRegistry())) {
      for (int i = 0; i < 300; i++) {
        hub.publish(batch(1 + i * 1000L, 1000));
      }
      TailSubscription late = hub.subscribe("", 10);
      hub.start();
      assertThat(late.poll(10, Duration.ofMillis(300))).as("nothing was held back").isEmpty();
      assertThat(late.dropped()).isZero();
    }
  }

  @Test
  void closingTheHubEndsItsSubscriptions() throws Exception {
    TailHub hub = new TailHub(new SimpleMeterRegistry());
    hub.start();
    TailSubscription sub = hub.subscribe("", 10);
    hub.close();
    hub.close();
    assertThat(sub.poll(10, Duration.ofSeconds(10))).isEmpty();
    assertThat(hub.subscribers()).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> hub.subscribe("", 10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("live tail is closed");
  }
}
