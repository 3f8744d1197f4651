package outpost.alerts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.alerts.check.Status;
import outpost.alerts.state.NotificationType;
import outpost.index.LogEvent;
import outpost.index.StoreConfig;
import outpost.index.opensearch.OpenSearchConnection;
import outpost.index.opensearch.OpenSearchLogStore;
import outpost.index.opensearch.OpenSearchNode;
import outpost.index.opensearch.OpenSearchStoreConfig;

/**
 * Two Outpost nodes on one real OpenSearch node; the alerts run on node A. A host whose traffic
 * moved from A to B (a load balancer) keeps its freshness check OK on A, and goes CRITICAL only
 * when it stops logging everywhere.
 */
class ClusterFreshnessTest {
  @TempDir Path dir;

  private final String prefix =
      "t-fresh-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8);

  private OpenSearchLogStore store(Path data, int nodeId, java.time.InstantSource clock)
      throws IOException {
    return OpenSearchLogStore.open(
        new OpenSearchStoreConfig(
            StoreConfig.defaults(data),
            new OpenSearchConnection(List.of(OpenSearchNode.shared().url()), null, null, null),
            prefix,
            nodeId,
            1,
            0,
            5_000,
            1_000_000),
        clock,
        new SimpleMeterRegistry());
  }

  private static Instant log(OpenSearchLogStore store, Instant now, String host) {
    store
        .tryAppend(
            List.of(
                new LogEvent(
                    now, now, host, "nginx", "", "", 1, 6, "GET /", "GET /", null, "", "")))
        .join();
    return now.truncatedTo(ChronoUnit.MILLIS);
  }

  /** Syncs A's host directory until it has {@code host} last seen at {@code last}. */
  private static void awaitLastSeen(OpenSearchLogStore a, String host, Instant last) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptionsInstanceOf(IOException.class)
        .untilAsserted(
            () -> {
              a.syncHosts();
              assertThat(a.hosts().host(host).orElseThrow().lastSeen()).isEqualTo(last);
            });
  }

  @Test
  void aHostLoggingOnlyThroughAnotherNodeIsNotReportedSilent() throws Exception {
    try (var f = EngineFixture.over(dir, (clock, meters) -> store(dir.resolve("a"), 0, clock));
        OpenSearchLogStore b = store(dir.resolve("b"), 1, f.clock)) {
      OpenSearchLogStore a = (OpenSearchLogStore) f.store;
      f.log("web-moved", "nginx", "GET /"); // first through A, then the balancer moves it to B
      f.engine.pollHosts();
      assertThat(f.view("web-moved", "").kind()).isEqualTo("freshness");

      for (int minute = 1; minute <= 14; minute++) {
        f.clock.advance(Duration.ofMinutes(1));
        awaitLastSeen(a, "web-moved", log(b, f.clock.instant(), "web-moved"));
        f.engine.pollHosts();
        f.runDue();
        f.engine.tick();
      }

      assertThat(f.view("web-moved", "").status()).isEqualTo(Status.OK);
      assertThat(f.view("web-moved", "").lastCheck()).isNotNull();
      assertThat(f.notifier.of(NotificationType.PROBLEM)).isEmpty();

      // silent everywhere: now it is reported
      f.cycle(Duration.ofMinutes(1), 12);
      assertThat(f.view("web-moved", "").status()).isEqualTo(Status.CRITICAL);
    }
  }
}
