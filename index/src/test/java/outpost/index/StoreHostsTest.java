package outpost.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.hosts.HostRegistry;

/** The store's host directory: fed on acceptance, kept across restarts and crashes. */
class StoreHostsTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  @TempDir Path dir;
  MutableClock clock = new MutableClock(NOW);

  LuceneLogStore open() throws IOException {
    // commits once an hour: a crash replays everything journaled since open
    return LuceneLogStore.open(
        StoreConfig.defaults(dir).withCommitInterval(Duration.ofHours(1)),
        clock,
        new SimpleMeterRegistry());
  }

  static List<LogEvent> events(String host, String app, int n) {
    return Collections.nCopies(n, Events.event(NOW, host, app, 6, "hello"));
  }

  static long messages(LuceneLogStore store, String host) {
    return store.hosts().host(host).orElseThrow().messages();
  }

  @Test
  void knowsAHostAsSoonAsItsEventsAreAcceptedAndAfterReopening() throws IOException {
    try (LuceneLogStore store = open()) {
      store.tryAppend(events("web-1", "nginx", 3)).join();
      assertThat(messages(store, "web-1")).isEqualTo(3);
      assertThat(store.hosts().retire("web-1")).isTrue();
    }
    try (LuceneLogStore store = open()) {
      HostInfo web = store.hosts().host("web-1").orElseThrow();
      assertThat(web.messages()).isEqualTo(3);
      assertThat(web.apps()).containsExactly("nginx");
      assertThat(web.retiredAt()).isEqualTo(NOW);
      assertThat(web.perMinute().getLast()).isEqualTo(3);
    }
  }

  @Test
  void crashReplaysWhatTheSavedDirectoryLacksAndNothingTwice() throws Exception {
    try (LuceneLogStore store = open()) {
      store.tryAppend(events("a", "x", 5)).join();
    }
    LuceneLogStore store = open();
    store.tryAppend(events("a", "x", 7)).join();
    ((HostRegistry) store.hosts()).save(); // saved after the last Lucene commit
    store.tryAppend(events("a", "x", 11)).join(); // neither saved nor committed
    store.simulateCrash();
    try (LuceneLogStore reopened = open()) {
      assertThat(messages(reopened, "a")).isEqualTo(5 + 7 + 11);
    }
  }

  static LogEvent agent(Instant received, String host, String msgId) {
    String raw = "<14>1 " + received + " " + host + " outpost-agent - " + msgId + " - bye";
    return new LogEvent(
        received, received, host, "outpost-agent", "", msgId, 1, 6, "bye", raw, null, "tcp", "");
  }

  @Test
  void agentGoodbyeRetiresItsHostAfterCountingItAndALaterMessageBringsItBack() throws IOException {
    try (LuceneLogStore store = open()) {
      store.tryAppend(List.of(agent(NOW, "web-2", "HEARTBEAT"))).join();
      assertThat(store.hosts().host("web-2").orElseThrow().retiredAt()).isNull();

      Instant bye = NOW.plusSeconds(5);
      clock.advance(Duration.ofSeconds(5));
      store
          .tryAppend(List.of(agent(bye, "web-2", "GOODBYE"), agent(bye, "web-3", "HEARTBEAT")))
          .join();
      HostInfo web2 = store.hosts().host("web-2").orElseThrow();
      assertThat(web2.messages()).isEqualTo(2);
      assertThat(web2.retiredAt()).isEqualTo(bye);
      assertThat(store.hosts().host("web-3").orElseThrow().retiredAt()).isNull();

      // a goodbye followed by another message in the same batch does not retire
      store
          .tryAppend(List.of(agent(bye, "web-3", "GOODBYE"), agent(bye, "web-3", "HEARTBEAT")))
          .join();
      assertThat(store.hosts().host("web-3").orElseThrow().retiredAt()).isNull();
      // only the agent's own goodbye counts
      store.tryAppend(List.of(Events.event(bye, "web-4", "GOODBYE", 6, "GOODBYE"))).join();
      assertThat(store.hosts().host("web-4").orElseThrow().retiredAt()).isNull();

      clock.advance(Duration.ofSeconds(60));
      store.tryAppend(events("web-2", "nginx", 1).stream().map(e -> later(e, 60)).toList()).join();
      assertThat(store.hosts().host("web-2").orElseThrow().retiredAt()).isNull();
    }
  }

  static LogEvent later(LogEvent e, long seconds) {
    Instant t = e.received().plusSeconds(seconds + 5);
    return new LogEvent(
        t, t, e.host(), e.app(), "", "", 1, 6, e.message(), e.raw(), null, "tcp", "");
  }
}
