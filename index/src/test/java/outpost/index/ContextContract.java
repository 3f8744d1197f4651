package outpost.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contract: the context of an event is its host's neighbours by position (time, then id), across
 * days. Part of {@link LogStoreContract}; the dataset is EventContextTest's.
 */
abstract class ContextContract {
  static final Instant MIDNIGHT = Instant.parse("2026-03-10T00:00:00Z");
  static final Instant SAME_MS = MIDNIGHT.plus(Duration.ofMinutes(10)).plusMillis(7);
  static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
  static final Instant TO = Instant.parse("2026-03-12T00:00:00Z");

  private final LogStoreContract contract;

  ContextContract(LogStoreContract contract) {
    this.contract = contract;
  }

  LogStore store() throws IOException {
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
    return contract.corpus("context", batch, FROM, TO);
  }

  StoredEvent find(String query) throws IOException {
    List<StoredEvent> hits = store().search(new SearchRequest(query, FROM, TO, 10, "")).hits();
    assertThat(hits).as(query).hasSize(1);
    return hits.getFirst();
  }

  EventContext context(StoredEvent e, int before, int after, boolean sameApp) throws IOException {
    return store()
        .context(new ContextRequest(e.id(), e.event().timestamp(), before, after, sameApp))
        .orElseThrow();
  }

  static List<String> messages(List<StoredEvent> events) {
    return events.stream().map(e -> e.event().message()).toList();
  }

  @Test
  void neighboursOfTheSameHostCrossTheDayBoundaryOldestFirst() throws IOException {
    StoredEvent anchor = find("host:web-1 AND n5");
    assertThat(anchor.event().timestamp()).isEqualTo(MIDNIGHT);
    EventContext c = context(anchor, 3, 2, false);
    assertThat(c.anchor()).isEqualTo(anchor);
    assertThat(messages(c.before())).containsExactly("web n2", "web n3", "web n4");
    assertThat(messages(c.after())).containsExactly("web n6", "web n7");
    EventContext later = context(find("host:web-1 AND n3"), 0, 3, false);
    assertThat(later.before()).isEmpty();
    assertThat(messages(later.after())).containsExactly("web n4", "web n5", "web n6");
  }

  @Test
  void sameAppKeepsOnlyTheAnchorsApp() throws IOException {
    EventContext c = context(find("host:web-1 AND n5"), 2, 2, true);
    assertThat(messages(c.before())).containsExactly("web n1", "web n3");
    assertThat(messages(c.after())).containsExactly("web n7", "web n9");
  }

  @Test
  void returnsWhatThereIsWhenFewerNeighboursExist() throws IOException {
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
  }

  @Test
  void eventsOfTheSameMillisecondAreOrderedById() throws IOException {
    StoredEvent b = find("sameb");
    EventContext c = context(b, 1, 1, false);
    assertThat(messages(c.before())).containsExactly("samea");
    assertThat(messages(c.after())).containsExactly("samec");
    assertThat(c.before().getFirst().id()).isLessThan(b.id());
    assertThat(c.after().getFirst().id()).isGreaterThan(b.id());
  }

  @Test
  void anEventIndexedUnderItsReceiveTimeHasNeighboursThere() throws IOException {
    StoredEvent skewed = find("skewed");
    assertThat(skewed.event().timestamp()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
    EventContext c = context(skewed, 2, 1, false);
    assertThat(c.anchor().id()).isEqualTo(skewed.id());
    assertThat(messages(c.before())).containsExactly("sameb", "samec");
    assertThat(c.after()).isEmpty();
  }

  @Test
  void aWrongTimestampHintStillFindsTheEventAndAnUnknownIdIsEmpty() throws IOException {
    StoredEvent anchor = find("host:web-1 AND n5");
    assertThat(
            store().context(new ContextRequest(anchor.id(), MIDNIGHT.minusMillis(3), 1, 1, false)))
        .map(EventContext::anchor)
        .contains(anchor);
    long unknown = anchor.id() + 1_000_000_000L;
    assertThat(store().context(new ContextRequest(unknown, MIDNIGHT, 5, 5, false))).isEmpty();
  }
}
