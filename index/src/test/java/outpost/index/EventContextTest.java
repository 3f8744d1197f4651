package outpost.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event context: neighbours by position from the same host, across day partitions. */
class EventContextTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final Instant MIDNIGHT = Instant.parse("2026-03-10T00:00:00Z");
  static final Instant SAME_MS = MIDNIGHT.plus(Duration.ofMinutes(10)).plusMillis(7);
  static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
  static final Instant TO = Instant.parse("2026-03-12T00:00:00Z");

  @TempDir static Path dir;
  static LuceneLogStore store;

  @BeforeAll
  static void load() throws IOException {
    store =
        LuceneLogStore.open(
            StoreConfig.defaults(dir), InstantSource.fixed(NOW), new SimpleMeterRegistry());
    List<LogEvent> batch = new ArrayList<>();
    // web-1 and db-1 log once a minute from 23:55 to 00:04; appended newest first, so ids fall
    // as time rises: context must order by time, not by id
    for (int i = 9; i >= 0; i--) {
      Instant ts = MIDNIGHT.minus(Duration.ofMinutes(5)).plus(Duration.ofMinutes(i));
      batch.add(Events.event(ts, "web-1", i % 2 == 0 ? "nginx" : "cron", 6, "web n" + i));
      batch.add(Events.event(ts, "db-1", "postgres", 6, "db n" + i));
    }
    // three in the same millisecond: only the id orders them
    for (String s : List.of("samea", "sameb", "samec")) {
      batch.add(Events.event(SAME_MS, "web-1", "nginx", 6, s));
    }
    // a sender clock 26 years off: indexed under the receive time
    Instant received = MIDNIGHT.plus(Duration.ofMinutes(20));
    batch.add(
        new LogEvent(
            Instant.parse("2000-01-01T00:00:00Z"),
            received,
            "web-1",
            "nginx",
            "",
            "",
            1,
            6,
            "skewed clock",
            "",
            null,
            "tcp",
            ""));
    store.tryAppend(batch).join();
    store.close();
    store =
        LuceneLogStore.open(
            StoreConfig.defaults(dir), InstantSource.fixed(NOW), new SimpleMeterRegistry());
  }

  @AfterAll
  static void close() throws IOException {
    store.close();
  }

  static StoredEvent find(String query) {
    List<StoredEvent> hits = store.search(new SearchRequest(query, FROM, TO, 10, "")).hits();
    assertThat(hits).as(query).hasSize(1);
    return hits.get(0);
  }

  static EventContext context(StoredEvent e, int before, int after, boolean sameApp) {
    return store
        .context(new ContextRequest(e.id(), e.event().timestamp(), before, after, sameApp))
        .orElseThrow();
  }

  static List<String> messages(List<StoredEvent> events) {
    return events.stream().map(e -> e.event().message()).toList();
  }

  @Test
  void neighboursCrossTheDayBoundaryOldestFirst() {
    StoredEvent anchor = find("host:web-1 AND n5");
    assertThat(anchor.event().timestamp()).isEqualTo(MIDNIGHT);
    EventContext c = context(anchor, 3, 2, false);
    assertThat(c.anchor()).isEqualTo(anchor);
    assertThat(messages(c.before())).containsExactly("web n2", "web n3", "web n4");
    assertThat(messages(c.after())).containsExactly("web n6", "web n7");
  }

  @Test
  void afterCrossesIntoTheNextDay() {
    EventContext c = context(find("host:web-1 AND n3"), 0, 3, false);
    assertThat(c.before()).isEmpty();
    assertThat(messages(c.after())).containsExactly("web n4", "web n5", "web n6");
  }

  @Test
  void sameAppKeepsOnlyTheAnchorsApp() {
    EventContext c = context(find("host:web-1 AND n5"), 2, 2, true);
    assertThat(messages(c.before())).containsExactly("web n1", "web n3");
    assertThat(messages(c.after())).containsExactly("web n7", "web n9");
    assertThat(c.before()).allMatch(e -> e.event().app().equals("cron"));
  }

  @Test
  void returnsWhatThereIsWhenFewerNeighboursExist() {
    EventContext c = context(find("host:web-1 AND n0"), 5, 100, false);
    assertThat(c.before()).isEmpty();
    assertThat(messages(c.after()))
        .containsExactly(
            "web n1",
            "web n2",
            "web n3",
            "web n4",
            "web n5",
            "web n6",
            "web n7",
            "web n8",
            "web n9",
            "samea",
            "sameb",
            "samec",
            "skewed clock");
    assertThat(c.after()).allMatch(e -> e.event().host().equals("web-1"));
  }

  @Test
  void eventsOfTheSameMillisecondAreOrderedById() {
    StoredEvent b = find("sameb");
    EventContext c = context(b, 1, 1, false);
    assertThat(messages(c.before())).containsExactly("samea");
    assertThat(messages(c.after())).containsExactly("samec");
    assertThat(c.before().get(0).id()).isLessThan(b.id());
    assertThat(c.after().get(0).id()).isGreaterThan(b.id());
    EventContext wide = context(b, 3, 0, false);
    assertThat(messages(wide.before())).containsExactly("web n8", "web n9", "samea");
  }

  @Test
  void findsAnEventIndexedUnderItsReceiveTime() {
    StoredEvent skewed = find("skewed");
    assertThat(skewed.event().timestamp()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
    EventContext c = context(skewed, 2, 1, false);
    assertThat(c.anchor().id()).isEqualTo(skewed.id());
    assertThat(messages(c.before())).containsExactly("sameb", "samec");
    assertThat(c.after()).isEmpty();
  }

  @Test
  void aWrongTimestampHintStillFindsTheEvent() {
    StoredEvent anchor = find("host:web-1 AND n5");
    EventContext c =
        store
            .context(new ContextRequest(anchor.id(), MIDNIGHT.minusMillis(3), 1, 1, false))
            .orElseThrow();
    assertThat(c.anchor()).isEqualTo(anchor);
  }

  @Test
  void unknownIdIsEmpty() {
    assertThat(store.context(new ContextRequest(999_999, MIDNIGHT, 5, 5, false))).isEmpty();
  }

  @Test
  void countsOutsideTheLimitAreRejected() {
    assertThatThrownBy(() -> new ContextRequest(1, MIDNIGHT, 1001, 0, false))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining("1001");
  }
}
