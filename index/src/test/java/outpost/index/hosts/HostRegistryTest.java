package outpost.index.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.HostDirectory;
import outpost.index.HostInfo;
import outpost.index.IndexMetrics;
import outpost.index.LogEvent;
import outpost.index.MutableClock;
import outpost.index.journal.JournaledBatch;

/** The host directory fed with batches directly, with a clock the test moves. */
class HostRegistryTest {
  static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

  @TempDir Path dir;
  MutableClock clock = new MutableClock(T0);
  SimpleMeterRegistry meters = new SimpleMeterRegistry();
  long seq = 1;

  Path file() {
    return dir.resolve("hosts.dat");
  }

  HostRegistry open() throws IOException {
    return HostRegistry.open(file(), clock, meters);
  }

  static LogEvent event(String host, String app, Instant received) {
    return new LogEvent(received, received, host, app, "", "", 1, 6, "m", "raw", null, "udp", "");
  }

  void record(HostRegistry r, List<LogEvent> events) {
    r.record(new JournaledBatch(seq, events));
    seq += events.size();
  }

  void record(HostRegistry r, String host, String app, Instant received, int n) {
    record(r, Collections.nCopies(n, event(host, app, received)));
  }

  @Test
  void countsMessagesTimesAndAppsPerHost() throws IOException {
    try (HostRegistry r = open()) {
      List<LogEvent> batch = new ArrayList<>();
      batch.add(event("web-1", "nginx", T0.plusSeconds(5)));
      batch.add(event("db-1", "postgres", T0.plusSeconds(1)));
      batch.add(event("web-1", "cron", T0.plusSeconds(2)));
      batch.add(event("web-1", "nginx", T0.plusSeconds(3)));
      batch.add(event("web-1", "", T0.plusSeconds(4)));
      record(r, batch);
      record(r, "web-1", "sshd", T0.plusSeconds(6), 1);

      assertThat(r.hosts()).extracting(HostInfo::name).containsExactly("db-1", "web-1");
      HostInfo web = r.host("web-1").orElseThrow();
      assertThat(web.messages()).isEqualTo(5);
      assertThat(web.firstSeen()).isEqualTo(T0.plusSeconds(2));
      assertThat(web.lastSeen()).isEqualTo(T0.plusSeconds(6));
      assertThat(web.apps()).containsExactly("sshd", "nginx", "cron");
      assertThat(web.perMinute()).hasSize(HostInfo.MINUTES).endsWith(5L);
      assertThat(web.asOf()).isEqualTo(T0);
      assertThat(web.retired()).isFalse();
      assertThat(r.host("nobody")).isEmpty();
    }
  }

  @Test
  void keepsTheMostRecentAppsUpToTheLimit() throws IOException {
    try (HostRegistry r = open()) {
      for (int i = 0; i < 30; i++) {
        record(r, "h", "app" + i, T0, 1);
      }
      record(r, "h", "app3", T0, 1);
      List<String> apps = r.host("h").orElseThrow().apps();
      assertThat(apps).hasSize(HostInfo.MAX_APPS).startsWith("app3", "app29", "app28");
      assertThat(apps).doesNotContain("app0", "app9").endsWith("app11");
    }
  }

  @Test
  void perMinuteWindowMovesWithTheClock() throws IOException {
    try (HostRegistry r = open()) {
      record(r, "h", "a", T0.plusSeconds(10), 3); // minute 0
      clock.advance(Duration.ofMinutes(1));
      record(r, "h", "a", T0.plusSeconds(70), 2); // minute 1
      List<Long> window = r.host("h").orElseThrow().perMinute();
      assertThat(window.subList(58, 60)).containsExactly(3L, 2L);
      assertThat(window.subList(0, 58)).containsOnly(0L);
      assertThat(r.host("h").orElseThrow().asOf()).isEqualTo(T0.plusSeconds(60));

      clock.advance(Duration.ofMinutes(59)); // now minute 60: minute 0 left the window
      window = r.host("h").orElseThrow().perMinute();
      assertThat(window.getFirst()).isEqualTo(2L);
      assertThat(window.stream().mapToLong(Long::longValue).sum()).isEqualTo(2);

      record(r, "h", "a", T0.plusSeconds(60 * 60 + 5), 7); // minute 60 takes minute 0's slot
      record(r, "h", "a", T0.plusSeconds(5), 100); // late minute 0: outside every window
      window = r.host("h").orElseThrow().perMinute();
      assertThat(window.getFirst()).isEqualTo(2L);
      assertThat(window.getLast()).isEqualTo(7L);

      clock.advance(Duration.ofHours(2));
      assertThat(r.host("h").orElseThrow().perMinute()).containsOnly(0L);
      assertThat(r.host("h").orElseThrow().messages()).isEqualTo(112);
    }
  }

  @Test
  void retiredHostBecomesActiveWhenItLogsAgain() throws IOException {
    try (HostRegistry r = open()) {
      record(r, "h", "a", T0, 1);
      clock.advance(Duration.ofMinutes(5));
      assertThat(r.retire("h")).isTrue();
      assertThat(r.retire("nobody")).isFalse();
      assertThat(r.host("h").orElseThrow().retiredAt()).isEqualTo(T0.plusSeconds(300));

      record(r, "h", "a", T0.plusSeconds(299), 1); // in flight before the goodbye
      assertThat(r.host("h").orElseThrow().retired()).isTrue();

      record(r, "h", "a", T0.plusSeconds(301), 1);
      assertThat(r.host("h").orElseThrow().retired()).isFalse();
      assertThat(r.host("h").orElseThrow().retiredAt()).isNull();
    }
  }

  @Test
  void forgetRemovesAHost() throws IOException {
    try (HostRegistry r = open()) {
      record(r, "h", "a", T0, 1);
      assertThat(r.forget("h")).isTrue();
      assertThat(r.forget("h")).isFalse();
      assertThat(r.hosts()).isEmpty();
      record(r, "h", "a", T0.plusSeconds(1), 1);
      assertThat(r.host("h").orElseThrow().messages()).isEqualTo(1);
    }
  }

  @Test
  void tracksAtMostMaxHostsAndCountsTheRest() throws IOException {
    try (HostRegistry r = open()) {
      List<LogEvent> batch = new ArrayList<>();
      for (int i = 0; i < HostDirectory.MAX_HOSTS + 5; i++) {
        batch.add(event(String.format("host-%05d", i), "a", T0));
      }
      batch.add(event("x".repeat(HostRegistry.MAX_NAME_CHARS + 1), "a", T0));
      record(r, batch);
      assertThat(r.size()).isEqualTo(HostDirectory.MAX_HOSTS);
      assertThat(meters.counter(IndexMetrics.HOSTS_UNTRACKED).count()).isEqualTo(6);
      assertThat(meters.get(IndexMetrics.HOSTS_KNOWN).gauge().value())
          .isEqualTo(HostDirectory.MAX_HOSTS);
      record(r, "host-00000", "a", T0, 1);
      assertThat(r.host("host-00000").orElseThrow().messages()).isEqualTo(2);
    }
  }

  @Test
  void persistsAcrossCloseAndOpen() throws IOException {
    HostInfo before;
    try (HostRegistry r = open()) {
      record(r, "web-1", "nginx", T0.minusSeconds(90), 4);
      record(r, "web-1", "cron", T0, 2);
      record(r, "db-1", "postgres", T0, 1);
      r.retire("db-1");
      before = r.host("web-1").orElseThrow();
    }
    try (HostRegistry r = open()) {
      assertThat(r.host("web-1")).contains(before);
      assertThat(r.host("db-1").orElseThrow().retiredAt()).isEqualTo(T0);
      assertThat(r.hosts()).hasSize(2);
    }
  }

  @Test
  void skipsEventsItAlreadyCountedWhenTheJournalIsReplayed() throws IOException {
    try (HostRegistry r = open()) {
      r.record(new JournaledBatch(1, Collections.nCopies(10, event("h", "a", T0))));
    }
    try (HostRegistry r = open()) {
      // replay hands over a batch partly counted before (seq 6..15)
      r.record(new JournaledBatch(6, Collections.nCopies(10, event("h", "a", T0))));
      assertThat(r.host("h").orElseThrow().messages()).isEqualTo(15);
    }
  }

  @Test
  void savesPeriodically() throws IOException {
    try (HostRegistry r = open()) {
      r.start(Duration.ofMillis(50));
      record(r, "h", "a", T0, 1);
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> Files.exists(file()));
      assertThat(HostsFile.read(file()).hosts()).extracting(h -> h.name).containsExactly("h");
    }
  }

  @Test
  void corruptFileIsMovedAsideAndTheDirectoryStartsEmpty() throws IOException {
    try (HostRegistry r = open()) {
      record(r, "h", "a", T0, 1);
    }
    byte[] good = Files.readAllBytes(file());
    int movedAside = 0;
    for (byte[] bad :
        List.of(
            java.util.Arrays.copyOf(good, good.length - 3),
            flip(good, good.length / 2),
            "not a host file at all".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            new byte[0])) {
      Files.write(file(), bad);
      try (HostRegistry r = open()) {
        assertThat(r.hosts()).isEmpty();
        assertThat(Files.exists(file())).isFalse();
        record(r, "again", "a", T0, 1);
      }
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.filter(p -> p.getFileName().toString().startsWith("hosts.dat.corrupt-")))
            .hasSize(++movedAside);
      }
      clock.advance(Duration.ofMillis(1)); // a distinct name for the next one moved aside
    }
  }

  private static byte[] flip(byte[] bytes, int at) {
    byte[] copy = bytes.clone();
    copy[at] ^= 0x10;
    return copy;
  }
}
