package outpost.index.opensearch;

import static java.time.ZoneOffset.UTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.IndexMetrics;
import outpost.index.LogEvent;
import outpost.index.SearchPage;
import outpost.index.SearchRequest;
import outpost.index.StoreConfig;
import outpost.index.StoreStatus;

/**
 * The OpenSearch store loses nothing when the cluster goes away (SIGTERM and SIGKILL) or pushes
 * back (429): appends keep being accepted into the journal, status and metrics say the cluster is
 * unreachable and the lag grows, and afterwards every event is searchable exactly once. Runs its
 * own node, which it stops and kills.
 */
class OpenSearchOutageTest {
  static final Duration SHIPPED_WITHIN = Duration.ofSeconds(180);

  static OpenSearchNode node;
  @TempDir Path dir;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeAll
  static void startNode() {
    node = OpenSearchNode.launch();
  }

  /** A test that failed while the node was down must not take the next one with it. */
  @BeforeEach
  void nodeRunning() {
    if (!node.isRunning()) {
      node.start();
    }
  }

  @AfterAll
  static void closeNode() {
    node.close();
  }

  OpenSearchLogStore open(String prefix) throws IOException {
    OpenSearchStoreConfig d =
        OpenSearchStoreConfig.defaults(
            StoreConfig.defaults(dir),
            new OpenSearchConnection(List.of(node.url()), null, null, null));
    OpenSearchStoreConfig config =
        new OpenSearchStoreConfig(
            d.local(), d.connection(), prefix, 0, 1, 0, 500, d.maxJournalEvents());
    return OpenSearchLogStore.open(config, InstantSource.system(), registry);
  }

  /** Appends five events every 100 ms, each with a unique message, counting what is accepted. */
  static final class SteadyAppender implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    SteadyAppender(OpenSearchLogStore store) {
      timer.scheduleAtFixedRate(() -> appendOne(store), 0, 100, TimeUnit.MILLISECONDS);
    }

    private void appendOne(OpenSearchLogStore store) {
      try {
        appendBatch(store);
      } catch (RuntimeException | Error e) {
        failure.compareAndSet(null, e);
        throw e;
      }
    }

    private void appendBatch(OpenSearchLogStore store) {
      List<LogEvent> batch = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Instant now = Instant.now();
        String message = "steady event number" + sent.incrementAndGet();
        batch.add(
            new LogEvent(
                now, now, "web-1", "app", "", "", 1, 6, message, message, null, "tcp", ""));
      }
      CompletableFuture<Void> f = store.tryAppend(batch);
      if (f == null) {
        refused.addAndGet(batch.size());
      } else {
        f.join();
        accepted.addAndGet(batch.size());
      }
    }

    long accepted() {
      assertThat(failure.get()).as("appending failed").isNull();
      return accepted.get();
    }

    long refused() {
      return refused.get();
    }

    @Override
    public void close() throws InterruptedException {
      timer.shutdown();
      assertThat(timer.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      assertThat(failure.get()).as("appending failed").isNull();
    }
  }

  static Instant from() {
    return Instant.now().minus(Duration.ofHours(2));
  }

  static Instant to() {
    return Instant.now().plus(Duration.ofHours(2));
  }

  static long searchable(OpenSearchLogStore store) {
    return store.search(new SearchRequest("", from(), to(), 1, "")).total();
  }

  double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  /** Waits until the store answers and its searchable count grows by {@code more}. */
  static void awaitShipping(OpenSearchLogStore store, long more) {
    long before = store.status().indexedSeq();
    await("shipping resumes")
        .atMost(SHIPPED_WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> store.status().indexedSeq() >= before + more);
  }

  /** While the node is down: appends are accepted, status and metrics report it, the lag grows. */
  void assertOutageReported(OpenSearchLogStore store, SteadyAppender appender) {
    long acceptedAtOutage = appender.accepted();
    await("outage reported")
        .atMost(SHIPPED_WITHIN)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              StoreStatus s = store.status();
              assertThat(s.backendError()).as("%s", s).startsWith("OpenSearch unreachable");
              assertThat(s.writable()).isTrue();
              assertThat(gauge(IndexMetrics.OPENSEARCH_REACHABLE)).as("reachable; %s", s).isZero();
            });
    long lagAtReport = store.status().indexingLag();
    await("appends accepted and lag growing while down")
        .atMost(SHIPPED_WITHIN)
        .untilAsserted(
            () -> {
              assertThat(appender.accepted()).isGreaterThan(acceptedAtOutage + 100);
              assertThat(store.status().indexingLag()).isGreaterThan(lagAtReport + 100);
              assertThat(gauge(IndexMetrics.INDEX_LAG)).isGreaterThan(lagAtReport + 100);
            });
  }

  /** Every accepted event is searchable exactly once and the journal drains. */
  static void assertEverythingOnce(OpenSearchLogStore store, long accepted) {
    await("all " + accepted + " events searchable")
        .atMost(SHIPPED_WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(searchable(store)).isEqualTo(accepted));
    Set<Long> ids = new HashSet<>();
    Set<String> messages = new HashSet<>();
    String cursor = "";
    do {
      SearchPage page = store.search(new SearchRequest("", from(), to(), 5_000, cursor));
      page.hits().forEach(h -> assertThat(ids.add(h.id())).as("id %d twice", h.id()).isTrue());
      page.hits().forEach(h -> messages.add(h.event().message()));
      cursor = page.nextCursor();
    } while (!cursor.isEmpty());
    assertThat(ids).hasSize((int) accepted);
    assertThat(messages).hasSize((int) accepted);
    await("journal drained")
        .atMost(SHIPPED_WITHIN)
        .untilAsserted(
            () -> {
              StoreStatus s = store.status();
              assertThat(s.indexingLag()).isZero();
              assertThat(s.backendError()).isEmpty();
              assertThat(s.backendRejected()).isZero();
            });
  }

  @Test
  void nodeStoppedAndKilledDuringSteadyIngestLosesAndDuplicatesNothing() throws Exception {
    try (OpenSearchLogStore store = open("t-outage")) {
      SteadyAppender appender = new SteadyAppender(store);
      try (appender) {
        awaitShipping(store, 50);

        node.stop();
        assertOutageReported(store, appender);
        node.start();
        awaitShipping(store, 100);
        assertThat(gauge(IndexMetrics.OPENSEARCH_REACHABLE)).isOne();

        node.kill();
        assertOutageReported(store, appender);
        node.start();
        awaitShipping(store, 100);
      }
      assertThat(appender.refused()).isZero();
      assertThat(store.status().journaledSeq()).isEqualTo(appender.accepted());
      assertEverythingOnce(store, appender.accepted());
    }
  }

  @Test
  void clusterPushingBackWith429LosesNothing() throws Exception {
    try (OpenSearchLogStore store = open("t-pushback")) {
      store.tryAppend(events("before the block", 100)).join();
      await().atMost(SHIPPED_WITHIN).ignoreExceptions().until(() -> searchable(store) == 100);

      // what a node does at the flood-stage disk watermark: it answers writes with 429
      setBlock("true");
      String today =
          "t-pushback-" + DateTimeFormatter.ofPattern("yyyy.MM.dd").format(LocalDate.now(UTC));
      assertThat(post("/" + today + "/_doc", "{\"message\":\"x\"}").statusCode()).isEqualTo(429);
      for (int i = 0; i < 4; i++) {
        CompletableFuture<Void> accepted = store.tryAppend(events("during the block " + i, 50));
        assertThat(accepted).isNotNull();
        accepted.join();
      }
      await("lag reported while the cluster refuses")
          .atMost(SHIPPED_WITHIN)
          .untilAsserted(
              () -> {
                assertThat(store.status().indexingLag()).isEqualTo(200);
                assertThat(gauge(IndexMetrics.INDEX_LAG)).isEqualTo(200);
              });
      // checked after the rest, so that one run also shows whether anything was lost
      StoreStatus blocked = store.status();
      assertThat(searchable(store)).isEqualTo(100);
      assertThat(blocked.backendRejected()).isZero();

      setBlock("null");
      assertEverythingOnce(store, 300);
      assertThat(blocked.backendError()).as("why, while refused: %s", blocked).isNotEmpty();
    }
  }

  static List<LogEvent> events(String text, int n) {
    List<LogEvent> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant now = Instant.now();
      String message = text + " number" + i;
      batch.add(
          new LogEvent(now, now, "web-2", "app", "", "", 1, 6, message, message, null, "tcp", ""));
    }
    return batch;
  }

  static void setBlock(String value) throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(node.url().resolve("/t-pushback-*/_settings"))
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"index.blocks.read_only_allow_delete\":" + value + "}")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  static HttpResponse<String> post(String path, String json) throws Exception {
    return send(
        HttpRequest.newBuilder(node.url().resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
