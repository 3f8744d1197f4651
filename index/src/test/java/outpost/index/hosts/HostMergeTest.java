package outpost.index.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.HostInfo;
import outpost.index.LogEvent;
import outpost.index.MutableClock;
import outpost.index.journal.JournaledBatch;

/** What a shared store says about hosts, merged into a node's registry; decisions applied. */
class HostMergeTest {
  static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
  static final long M0 = T0.toEpochMilli();

  @TempDir Path dir;
  MutableClock clock = new MutableClock(T0.plusSeconds(600));
  long seq = 1;

  HostRegistry open() throws IOException {
    return HostRegistry.open(dir.resolve("hosts.dat"), clock, new SimpleMeterRegistry());
  }

  void log(HostRegistry r, String host, String app, String msgId, long millis) {
    Instant t = Instant.ofEpochMilli(millis);
    r.record(
        new JournaledBatch(
            seq++,
            List.of(new LogEvent(t, t, host, app, "", msgId, 1, 6, "m", "m", null, "", ""))));
  }

  static HostFacts facts(String host, long first, long lastActive, long goodbye, long n) {
    long last = Math.max(lastActive, goodbye);
    return new HostFacts(host, first, last, lastActive, goodbye, n, List.of("nginx"), Map.of());
  }

  HostInfo info(HostRegistry r, String host) {
    return r.host(host).orElseThrow(() -> new AssertionError("no host " + host));
  }

  @Test
  void aHostSeenOnlyElsewhereIsAddedWithItsTimesCountsAppsAndMinutes() throws IOException {
    try (HostRegistry r = open()) {
      long minute = Math.floorDiv(M0 + 300_000, 60_000L);
      r.merge(
          List.of(
              new HostFacts(
                  "web-b",
                  M0,
                  M0 + 300_000,
                  M0 + 300_000,
                  HostFacts.NONE,
                  42,
                  List.of("nginx", "cron"),
                  Map.of(minute, 40L, minute - 1, 2L))));

      HostInfo h = info(r, "web-b");
      assertThat(h.firstSeen()).isEqualTo(T0);
      assertThat(h.lastSeen()).isEqualTo(T0.plusSeconds(300));
      assertThat(h.messages()).isEqualTo(42);
      assertThat(h.apps()).containsExactly("nginx", "cron");
      assertThat(h.perMinute().stream().mapToLong(Long::longValue).sum()).isEqualTo(42);
      assertThat(h.retired()).isFalse();
    }
  }

  @Test
  void countsOfTheSameEventsAreNotAddedTwice() throws IOException {
    try (HostRegistry r = open()) {
      for (int i = 0; i < 5; i++) {
        log(r, "web-a", "nginx", "", M0 + i);
      }
      long minute = Math.floorDiv(M0, 60_000L);
      // the cluster holds the same five plus three from another node
      r.merge(
          List.of(
              new HostFacts(
                  "web-a", M0, M0 + 7, M0 + 7, HostFacts.NONE, 8, List.of(), Map.of(minute, 8L))));

      HostInfo h = info(r, "web-a");
      assertThat(h.messages()).isEqualTo(8);
      assertThat(h.perMinute().stream().mapToLong(Long::longValue).sum()).isEqualTo(8);
      assertThat(h.lastSeen()).isEqualTo(Instant.ofEpochMilli(M0 + 7));
    }
  }

  @Test
  void aGoodbyeThatIsTheLastWordAnywhereRetiresTheHost() throws IOException {
    try (HostRegistry r = open()) {
      log(r, "web-g", "nginx", "", M0);
      r.merge(List.of(facts("web-g", M0, M0 + 10, M0 + 20, 3)));

      assertThat(info(r, "web-g").retiredAt()).isEqualTo(Instant.ofEpochMilli(M0 + 20));
    }
  }

  @Test
  void aGoodbyeFollowedByAMessageHereDoesNotRetire() throws IOException {
    try (HostRegistry r = open()) {
      log(r, "web-g", "nginx", "", M0 + 30);
      r.merge(List.of(facts("web-g", M0, M0 + 10, M0 + 20, 3)));

      assertThat(info(r, "web-g").retired()).isFalse();
    }
  }

  @Test
  void aMessageElsewhereAfterRetirementMakesItActiveAgain() throws IOException {
    try (HostRegistry r = open()) {
      log(r, "web-g", HostFacts.AGENT_APP, HostFacts.GOODBYE_MSGID, M0);
      assertThat(info(r, "web-g").retired()).isTrue();

      r.merge(List.of(facts("web-g", M0, M0 + 5, M0, 2)));

      assertThat(info(r, "web-g").retired()).isFalse();
    }
  }

  @Test
  void aRetirementFromAnotherNodeHoldsUntilTheHostLogsAfterIt() throws IOException {
    try (HostRegistry r = open()) {
      log(r, "web-r", "nginx", "", M0);
      HostDecision retire = new HostDecision("web-r", HostDecision.Kind.RETIRE, M0 + 100);

      assertThat(r.apply(retire)).isTrue();
      assertThat(info(r, "web-r").retiredAt()).isEqualTo(Instant.ofEpochMilli(M0 + 100));
      assertThat(r.apply(retire)).isFalse();
      r.merge(List.of(facts("web-r", M0, M0, HostFacts.NONE, 1)));
      assertThat(info(r, "web-r").retired()).isTrue();

      log(r, "web-r", "nginx", "", M0 + 200);
      assertThat(r.apply(retire)).isFalse();
      assertThat(info(r, "web-r").retired()).isFalse();
    }
  }

  @Test
  void aForgetFromAnotherNodeRemovesAHostSilentSinceThen() throws IOException {
    try (HostRegistry r = open()) {
      log(r, "old", "nginx", "", M0);
      log(r, "busy", "nginx", "", M0 + 500);

      assertThat(r.apply(new HostDecision("old", HostDecision.Kind.FORGET, M0 + 100))).isTrue();
      assertThat(r.apply(new HostDecision("busy", HostDecision.Kind.FORGET, M0 + 100))).isFalse();

      assertThat(r.host("old")).isEmpty();
      assertThat(r.host("busy")).isPresent();
    }
  }

  @Test
  void mergedHostsAreSavedWithTheDirectory() throws IOException {
    try (HostRegistry r = open()) {
      r.merge(List.of(facts("web-b", M0, M0 + 9, HostFacts.NONE, 4)));
    }
    try (HostRegistry r = open()) {
      assertThat(info(r, "web-b").lastSeen()).isEqualTo(Instant.ofEpochMilli(M0 + 9));
      assertThat(info(r, "web-b").messages()).isEqualTo(4);
    }
  }
}
