package outpost.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Contract: accepted events read back whole with increasing ids, reach the live tail before they
 * are searchable, feed the host directory, show in the status, and survive close and reopen. Part
 * of {@link LogStoreContract}.
 */
abstract class LifecycleContract {
  static final Instant NOW = LogStoreContract.NOW;
  static final Instant FROM = NOW.minus(Duration.ofDays(3));
  static final Instant TO = NOW.plus(Duration.ofHours(1));

  private final LogStoreContract contract;

  LifecycleContract(LogStoreContract contract) {
    this.contract = contract;
  }

  static List<LogEvent> numbered(int n, Instant start) {
    List<LogEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Events.event(start.plusMillis(i), "web-" + i % 3, "app", 6, "message number " + i));
    }
    return out;
  }

  static List<StoredEvent> all(LogStore store) {
    return store.search(new SearchRequest("", FROM, TO, SearchRequest.MAX_LIMIT, "")).hits();
  }

  @Test
  void everyFieldReadsBackAsAppendedWithIdsIncreasingInAppendOrder() throws IOException {
    LogStore store = contract.fresh("roundtrip");
    LogEvent full =
        new LogEvent(
            NOW.minusSeconds(3).plusNanos(123_000_000),
            NOW.minusSeconds(2),
            "web-1",
            "sshd",
            "4242",
            "ID47",
            4,
            3,
            "Failed password for root from 10.0.0.5 port 22 ssh2 – ünïcødé",
            "<35>1 2026-03-10T11:59:57.123Z web-1 sshd 4242 ID47 [origin ip=\"10.0.0.5\"] Failed",
            Map.of("sd.origin.ip", "10.0.0.5", "status", "401", "tenant", "acme"),
            "tls",
            "");
    LogEvent unparsed =
        new LogEvent(
            NOW.minusSeconds(1),
            NOW.minusSeconds(1),
            "10.0.0.9",
            "",
            "",
            "",
            1,
            5,
            "",
            "garbage",
            null,
            "udp",
            "no PRI");
    List<LogEvent> batch = List.of(full, unparsed, Events.event(NOW, "web-2", "cron", 6, "last"));
    LogStoreContract.append(store, batch);
    LogStoreContract.awaitCount(store, "", FROM, TO, 3);
    List<StoredEvent> hits = all(store);
    assertThat(hits)
        .extracting(StoredEvent::event)
        .containsExactly(batch.reversed().toArray(LogEvent[]::new));
    assertThat(hits)
        .extracting(StoredEvent::id)
        .isSortedAccordingTo(Comparator.reverseOrder())
        .doesNotHaveDuplicates();
  }

  @Test
  void liveTailDeliversMatchesWithTheirSearchIdsAndRejectsBadQueries() throws Exception {
    LogStore store = contract.fresh("tail");
    assertThatThrownBy(() -> store.subscribe("status:[1 TO", 10))
        .isInstanceOf(QueryException.class);
    assertThatThrownBy(() -> store.subscribe("", 0)).isInstanceOf(QueryException.class);
    try (TailSubscription refused = store.subscribe("refused", 100);
        TailSubscription everything = store.subscribe("", 100)) {
      LogStoreContract.append(
          store,
          List.of(
              Events.event(NOW, "a", "app", 6, "connection refused"),
              Events.event(NOW, "a", "app", 6, "all fine")));
      LogStoreContract.append(store, List.of(Events.event(NOW, "b", "app", 6, "refused again")));
      List<StoredEvent> got = new ArrayList<>();
      await()
          .atMost(LogStoreContract.SEARCHABLE_WITHIN)
          .until(() -> got.addAll(refused.poll(10, Duration.ofMillis(200))) && got.size() >= 2);
      assertThat(got)
          .extracting(e -> e.event().message())
          .containsExactly("connection refused", "refused again");
      assertThat(refused.matched()).isEqualTo(2);
      assertThat(refused.dropped()).isZero();
      await().atMost(LogStoreContract.SEARCHABLE_WITHIN).until(() -> everything.matched() == 3);

      LogStoreContract.awaitCount(store, "refused", FROM, TO, 2);
      List<StoredEvent> searched =
          store.search(new SearchRequest("refused", FROM, TO, 10, "")).hits().reversed();
      assertThat(got).isEqualTo(searched);
    }
  }

  @Test
  void hostDirectoryKnowsSendersAndKeepsThemAcrossReopening() throws IOException {
    String name = contract.newName("hosts");
    LogStore store = contract.track(name, InstantSource.fixed(NOW));
    LogStoreContract.append(
        store,
        List.of(
            Events.event(NOW, "web-1", "nginx", 6, "a"),
            Events.event(NOW, "web-1", "sshd", 6, "b"),
            Events.event(NOW, "db-1", "postgres", 6, "c")));
    HostInfo web = store.hosts().host("web-1").orElseThrow();
    assertThat(web.messages()).isEqualTo(2);
    assertThat(web.apps()).containsExactly("sshd", "nginx");
    assertThat(web.lastSeen()).isEqualTo(NOW);
    assertThat(store.hosts().hosts()).extracting(HostInfo::name).containsExactly("db-1", "web-1");
    assertThat(store.hosts().retire("web-1")).isTrue();
    assertThat(store.hosts().forget("db-1")).isTrue();
    assertThat(store.hosts().retire("nobody")).isFalse();
    store.close();

    LogStore reopened = contract.track(name, InstantSource.fixed(NOW));
    HostInfo again = reopened.hosts().host("web-1").orElseThrow();
    assertThat(again.messages()).isEqualTo(2);
    assertThat(again.retiredAt()).isEqualTo(NOW);
    assertThat(reopened.hosts().host("db-1")).isEmpty();
    // the forgotten host's events stay searchable
    LogStoreContract.awaitCount(reopened, "host:db-1", FROM, TO, 1);
  }

  @Test
  void closeAndReopenKeepsEverythingOnceAndIdsKeepIncreasing() throws IOException {
    String name = contract.newName("reopen");
    LogStore first = contract.track(name, InstantSource.fixed(NOW));
    LogStoreContract.append(first, numbered(500, NOW.minusSeconds(600)));
    long lastId = first.status().journaledSeq();
    first.close();
    LogStore second = contract.track(name, InstantSource.fixed(NOW));
    LogStoreContract.awaitCount(second, "", FROM, TO, 500);
    LogStoreContract.append(second, numbered(1, NOW));
    LogStoreContract.awaitCount(second, "", FROM, TO, 501);
    List<StoredEvent> hits = all(second);
    assertThat(hits).extracting(StoredEvent::id).doesNotHaveDuplicates();
    assertThat(hits.getFirst().id()).isGreaterThan(hits.get(1).id());
    assertThat(second.status().journaledSeq()).isGreaterThan(lastId);
  }

  @Test
  void statusCountsDocumentsDaysAndLag() throws IOException {
    LogStore store = contract.fresh("status");
    LogStoreContract.append(store, numbered(10, NOW.minus(Duration.ofDays(1))));
    LogStoreContract.append(store, numbered(20, NOW));
    LogStoreContract.awaitCount(store, "", FROM, TO, 30);
    await()
        .atMost(LogStoreContract.SEARCHABLE_WITHIN)
        .untilAsserted(
            () -> {
              StoreStatus s = store.status();
              assertThat(s.documents()).isEqualTo(30);
              assertThat(s.indexingLag()).isZero();
              assertThat(s.indexedSeq()).isEqualTo(s.journaledSeq());
            });
    StoreStatus s = store.status();
    assertThat(s.partitions()).isEqualTo(2);
    assertThat(s.writable()).isTrue();
    assertThat(s.pausedReason()).isEmpty();
    assertThat(s.journalTruncations()).isEmpty();
    assertThat(s.journalBytes()).isPositive();
    assertThat(s.backendError()).isEmpty();
    assertThat(s.backendRejected()).isZero();
  }

  @Test
  void searchNeverFailsWhileNewEventsBecomeSearchable() throws IOException {
    LogStore store = contract.fresh("firstday");
    LogStoreContract.append(store, numbered(10, NOW));
    // no ignoreExceptions: a search that throws (e.g. over a day index still being created) fails
    await()
        .atMost(LogStoreContract.SEARCHABLE_WITHIN)
        .pollInterval(Duration.ofMillis(20))
        .untilAsserted(() -> assertThat(LogStoreContract.count(store, "", FROM, TO)).isEqualTo(10));
  }

  @Test
  void whenWritableRunsAtOnceWhileThereIsRoom() throws Exception {
    LogStore store = contract.fresh("writable");
    CountDownLatch ran = new CountDownLatch(1);
    store.whenWritable(ran::countDown);
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
  }
}
