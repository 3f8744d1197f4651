package outpost.index.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.HostInfo;
import outpost.index.LogEvent;
import outpost.index.StoreConfig;
import outpost.index.hosts.HostDecision;
import outpost.index.hosts.HostFacts;

/**
 * Two Outpost nodes (two stores, two data dirs, node ids 0 and 1) on one real OpenSearch node: each
 * node's host directory shows the hosts that log only to the other, a goodbye or a retirement on
 * one node holds on the other.
 */
class ClusterHostsTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private final InstantSource clock = InstantSource.system();
  private String prefix;
  private OpenSearchLogStore a;
  private OpenSearchLogStore b;

  @BeforeEach
  void open() throws IOException {
    prefix = "t-hosts-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8);
    a = store("a", 0);
    b = store("b", 1);
  }

  private OpenSearchLogStore store(String name, int nodeId) throws IOException {
    OpenSearchConnection connection =
        new OpenSearchConnection(List.of(OpenSearchNode.shared().url()), null, null, null);
    return OpenSearchLogStore.open(
        new OpenSearchStoreConfig(
            StoreConfig.defaults(dir.resolve(name)),
            connection,
            prefix,
            nodeId,
            1,
            0,
            5_000,
            1_000_000),
        clock,
        new SimpleMeterRegistry());
  }

  @AfterEach
  void close() throws IOException {
    try {
      a.close();
    } finally {
      b.close();
    }
  }

  private Instant log(OpenSearchLogStore store, String host, String app, String msgId) {
    Instant now = clock.instant();
    store
        .tryAppend(
            List.of(new LogEvent(now, now, host, app, "", msgId, 1, 6, "m", "m", null, "tcp", "")))
        .join();
    return now.truncatedTo(ChronoUnit.MILLIS);
  }

  /** Syncs {@code store} until {@code host} is there and passes {@code check}. */
  private HostInfo awaitHost(OpenSearchLogStore store, String host, Check check) {
    HostInfo[] seen = new HostInfo[1];
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptionsInstanceOf(IOException.class) // a daily index whose shard is starting
        .untilAsserted(
            () -> {
              store.syncHosts();
              HostInfo h = store.hosts().host(host).orElseThrow(() -> new AssertionError(host));
              check.accept(h);
              seen[0] = h;
            });
    return seen[0];
  }

  private interface Check {
    void accept(HostInfo h) throws Exception;
  }

  @Test
  void aHostLoggingOnlyToBShowsOnAWithItsLastSeenAndCount() throws IOException {
    log(b, "web-b", "nginx", "");
    log(b, "web-b", "nginx", "");
    Instant last = log(b, "web-b", "cron", "");
    assertThat(a.hosts().host("web-b")).isEmpty();

    HostInfo h = awaitHost(a, "web-b", i -> assertThat(i.lastSeen()).isEqualTo(last));

    assertThat(h.messages()).isEqualTo(3);
    assertThat(h.apps()).containsExactlyInAnyOrder("nginx", "cron");
    assertThat(h.perMinute().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
    assertThat(h.retired()).isFalse();
    assertThat(a.hosts().hosts()).extracting(HostInfo::name).contains("web-b");
  }

  @Test
  void aGoodbyeReceivedByBRetiresTheHostOnA() throws IOException {
    log(a, "web-g", "nginx", "");
    assertThat(a.hosts().host("web-g").orElseThrow().retired()).isFalse();

    Instant goodbye = log(b, "web-g", HostFacts.AGENT_APP, HostFacts.GOODBYE_MSGID);

    awaitHost(a, "web-g", h -> assertThat(h.retiredAt()).isEqualTo(goodbye));

    // back again through B: active on A
    Instant again = log(b, "web-g", "nginx", "");
    awaitHost(
        a,
        "web-g",
        h -> {
          assertThat(h.retired()).isFalse();
          assertThat(h.lastSeen()).isEqualTo(again);
        });
  }

  @Test
  void aRetirementThroughAHoldsOnBAndAForgetToo() throws IOException {
    log(b, "web-r", "nginx", "");
    awaitHost(a, "web-r", h -> assertThat(h.messages()).isEqualTo(1));

    assertThat(a.hosts().retire("web-r")).isTrue();
    Instant retiredAt = a.hosts().host("web-r").orElseThrow().retiredAt();

    awaitHost(b, "web-r", h -> assertThat(h.retiredAt()).isEqualTo(retiredAt));
    b.syncHosts(); // a later pass merges the same events again: still retired
    assertThat(b.hosts().host("web-r").orElseThrow().retiredAt()).isEqualTo(retiredAt);
    a.syncHosts();
    assertThat(a.hosts().host("web-r").orElseThrow().retiredAt()).isEqualTo(retiredAt);

    assertThat(a.hosts().forget("web-r")).isTrue();
    await()
        .atMost(WAIT)
        .ignoreExceptionsInstanceOf(IOException.class)
        .untilAsserted(
            () -> {
              b.syncHosts();
              assertThat(b.hosts().host("web-r")).isEmpty();
            });
    a.syncHosts(); // the merge does not bring back a forgotten host
    assertThat(a.hosts().host("web-r")).isEmpty();

    Instant back = log(b, "web-r", "nginx", "");
    awaitHost(a, "web-r", h -> assertThat(h.lastSeen()).isEqualTo(back));
    assertThat(a.hosts().host("web-r").orElseThrow().retired()).isFalse();
  }

  @Test
  void ofTwoDecisionsForOneHostTheNewerIsKept() throws IOException {
    ClusterHostQueries queries =
        new ClusterHostQueries(
            new ClusterClient(
                new OpenSearchConnection(List.of(OpenSearchNode.shared().url()), null, null, null)),
            IndexSetup.pattern(prefix),
            ClusterHostQueries.decisionsIndex(prefix));
    String host = "Web 1/" + prefix.toUpperCase(Locale.ROOT);

    assertThat(queries.record(new HostDecision(host, HostDecision.Kind.FORGET, 2_000))).isTrue();
    assertThat(queries.record(new HostDecision(host, HostDecision.Kind.RETIRE, 1_000))).isFalse();
    assertThat(queries.record(new HostDecision("web+1", HostDecision.Kind.RETIRE, 1_000))).isTrue();

    assertThat(queries.decisions())
        .containsEntry(host, new HostDecision(host, HostDecision.Kind.FORGET, 2_000))
        .containsEntry("web+1", new HostDecision("web+1", HostDecision.Kind.RETIRE, 1_000))
        .hasSize(2);
  }
}
