package outpost.index.opensearch;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.ContextRequest;
import outpost.index.EventContext;
import outpost.index.FacetsRequest;
import outpost.index.HistogramRequest;
import outpost.index.IndexMetrics;
import outpost.index.LogEvent;
import outpost.index.QueryException;
import outpost.index.Schema;
import outpost.index.SearchPage;
import outpost.index.SearchRequest;
import outpost.index.StoreConfig;
import outpost.index.StoreStatus;
import outpost.index.StoredEvent;
import outpost.index.lucene.LogTokenizer;

/**
 * The OpenSearch store against a real node: the id scheme, the mapping and analyzer, resends that
 * overwrite, bulk retries after 429 and 5xx, and starting while the cluster is down.
 */
class OpenSearchLogStoreTest {

  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @TempDir Path dir;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static String prefix() {
    return "t-osstore-" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet();
  }

  private OpenSearchStoreConfig config(URI url, String prefix, int nodeId) {
    StoreConfig local = StoreConfig.defaults(dir).withCommitInterval(Duration.ofMillis(200));
    OpenSearchConnection c = new OpenSearchConnection(List.of(url), null, null, null);
    return new OpenSearchStoreConfig(local, c, prefix, nodeId, 1, 0, 100, 1_000_000);
  }

  static LogEvent event(Instant ts, String host, String message, Map<String, String> fields) {
    return new LogEvent(
        ts,
        ts.plusMillis(1),
        host,
        "app",
        "42",
        "",
        16,
        3,
        message,
        "<131>" + message,
        fields,
        "tcp",
        "");
  }

  private static SearchPage search(OpenSearchLogStore store, String query) {
    return store.search(
        new SearchRequest(query, NOW.minus(Duration.ofDays(1)), NOW.plusSeconds(60), 100, ""));
  }

  private static void awaitTotal(OpenSearchLogStore store, String query, long n) {
    // a search while the first daily index is still starting its shard fails (503): wait it out
    await().atMost(30, SECONDS).ignoreExceptions().until(() -> search(store, query).total() == n);
  }

  @Test
  void idsCarryTheNodeAndEventsComeBackAsJournaled() throws Exception {
    try (OpenSearchLogStore store =
        OpenSearchLogStore.open(
            config(OpenSearchNode.shared().url(), prefix(), 3), () -> NOW, registry)) {
      Map<String, String> f = new HashMap<>();
      f.put(Schema.PATH, "/wp-login.php?user=x");
      f.put(Schema.STATUS, "404");
      f.put(Schema.BYTES, "-");
      f.put(Schema.CLIENT_IP, "10.0.0.5");
      f.put("host", "reserved name stays in the source");
      LogEvent a =
          event(NOW.minusSeconds(5), "web1", "GET /wp-login.php HTTP/1.1 from 10.0.0.5", f);
      LogEvent b = event(NOW.minusSeconds(4), "web2", "kernel: Out of memory", Map.of());
      store.tryAppend(List.of(a, b)).get(10, SECONDS);
      awaitTotal(store, "", 2);

      List<StoredEvent> hits = search(store, "").hits();
      assertThat(hits).extracting(StoredEvent::id).containsExactly((3L << 48) | 2, (3L << 48) | 1);
      assertThat(hits).extracting(StoredEvent::event).containsExactly(b, a);
      for (String q :
          List.of(
              "wp-login.php",
              "10.0.0.5",
              "HTTP/1.1",
              "status:404",
              "status:>=400",
              "path:/wp-login.php",
              "path:\"/wp-login.php?user=x\"",
              "client_ip:10.0.0.*",
              "host:web1 AND severity:err",
              "severity_code:[0 TO 3] AND NOT kernel")) {
        assertThat(search(store, q).hits()).as(q).extracting(StoredEvent::event).containsExactly(a);
      }
      assertThat(search(store, "bytes:>=0").total()).as("'-' is not a number").isZero();
      assertThat(search(store, "status:4*").total()).as("no terms, as in Lucene").isZero();
      assertThat(search(store, "\"out of memory\"").hits())
          .extracting(StoredEvent::event)
          .containsExactly(b);
    }
  }

  @Test
  void messageAnalyzerSplitsLikeTheLuceneTokenizer() throws Exception {
    String prefix = prefix();
    try (OpenSearchLogStore store =
        OpenSearchLogStore.open(
            config(OpenSearchNode.shared().url(), prefix, 0), () -> NOW, registry)) {
      store.tryAppend(List.of(event(NOW, "h", "x", Map.of()))).get(10, SECONDS);
      awaitTotal(store, "", 1);
      String index = IndexSetup.indexName(prefix, NOW.toEpochMilli());
      for (String text :
          List.of(
              "GET /wp-login.php?a=1 HTTP/1.1 \"Mozilla/5.0\" 404 1234",
              "sshd[123]: Failed password for root from 192.168.1.10 port 22 ssh2",
              "a..b x-.y -lead trail- Ünïcode_Straße e=mc² 2024-01-01T10:00:00Z",
              "user@example.com key=\"value\" [error] (13)Permission denied: /var/www/x.y-z")) {
        assertThat(analyze(store, index, text)).as(text).isEqualTo(luceneTokens(text));
      }
    }
  }

  private static List<String> analyze(OpenSearchLogStore store, String index, String text)
      throws IOException {
    try (ClusterClient c =
        new ClusterClient(
            new OpenSearchConnection(List.of(OpenSearchNode.shared().url()), null, null, null))) {
      var body =
          ClusterClient.JSON.createObjectNode().put("field", Schema.MESSAGE).put("text", text);
      JsonNode r = c.expectOk("POST", "/" + index + "/_analyze", body);
      List<String> tokens = new ArrayList<>();
      r.path("tokens").forEach(t -> tokens.add(t.path("token").asText()));
      return tokens;
    }
  }

  private static List<String> luceneTokens(String text) throws IOException {
    List<String> tokens = new ArrayList<>();
    try (LogTokenizer t = new LogTokenizer()) {
      t.setReader(new StringReader(text));
      CharTermAttribute term = t.addAttribute(CharTermAttribute.class);
      t.reset();
      while (t.incrementToken()) {
        tokens.add(term.toString());
      }
      t.end();
    }
    return tokens;
  }

  @Test
  void resendingAfterALostCheckpointOverwritesInsteadOfDuplicating() throws Exception {
    String prefix = prefix();
    URI url = OpenSearchNode.shared().url();
    List<LogEvent> batch = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      batch.add(event(NOW.minusMillis(i), "h", "line " + i, Map.of()));
    }
    try (OpenSearchLogStore store =
        OpenSearchLogStore.open(config(url, prefix, 1), () -> NOW, registry)) {
      store.tryAppend(batch).get(10, SECONDS);
      awaitTotal(store, "", 50);
    }
    Files.delete(dir.resolve("opensearch.checkpoint"));
    try (OpenSearchLogStore store =
        OpenSearchLogStore.open(config(url, prefix, 1), () -> NOW, registry)) {
      await().atMost(30, SECONDS).until(() -> store.status().indexingLag() == 0);
      store.tryAppend(List.of(event(NOW, "h", "after restart", Map.of()))).get(10, SECONDS);
      awaitTotal(store, "restart", 1);
      assertThat(search(store, "").total()).isEqualTo(51);
      assertThat(search(store, "restart").hits().getFirst().id()).isEqualTo((1L << 48) | 51);
    }
  }

  @Test
  void retriesBulkRequestsAnswered429And503UntilEverythingIsIn() throws Exception {
    String prefix = prefix();
    try (FlakyProxy proxy = new FlakyProxy(OpenSearchNode.shared().url(), List.of(429, 503, 503));
        OpenSearchLogStore store =
            OpenSearchLogStore.open(config(proxy.url(), prefix, 0), () -> NOW, registry)) {
      List<LogEvent> batch = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        batch.add(event(NOW.minusMillis(i), "h", "retry " + i, Map.of()));
      }
      store.tryAppend(batch).get(10, SECONDS);
      awaitTotal(store, "retry", 250);
      assertThat(proxy.refused()).isEqualTo(3);
      assertThat(registry.counter(IndexMetrics.OPENSEARCH_BULK_FAILURES).count()).isEqualTo(3);
      await().atMost(10, SECONDS).until(() -> store.status().backendError().isEmpty());
    }
  }

  @Test
  void aDocumentTheMappingRefusesIsSentAgainWithItsFieldsUnindexed() throws Exception {
    try (OpenSearchLogStore store =
        OpenSearchLogStore.open(
            config(OpenSearchNode.shared().url(), prefix(), 0), () -> NOW, registry)) {
      LogEvent object = event(NOW.minusSeconds(2), "h", "first", Map.of("a.b", "x"));
      LogEvent clash = event(NOW.minusSeconds(1), "h", "second", Map.of("a", "y"));
      store.tryAppend(List.of(object)).get(10, SECONDS);
      awaitTotal(store, "first", 1);
      store.tryAppend(List.of(clash)).get(10, SECONDS);
      awaitTotal(store, "second", 1);
      assertThat(search(store, "second").hits().getFirst().event()).isEqualTo(clash);
      assertThat(search(store, "a.b:x").total()).isEqualTo(1);
      assertThat(search(store, "a:y").total()).as("unindexed after the clash").isZero();
      assertThat(store.status().backendRejected()).isZero();
    }
  }

  @Test
  void startsAndJournalsWhileTheClusterIsDown() throws Exception {
    URI nowhere = URI.create("http://127.0.0.1:" + FlakyProxy.freePort());
    try (OpenSearchLogStore store =
        OpenSearchLogStore.open(config(nowhere, prefix(), 0), () -> NOW, registry)) {
      store.tryAppend(List.of(event(NOW, "h", "kept", Map.of()))).get(10, SECONDS);
      await()
          .atMost(20, SECONDS)
          .untilAsserted(
              () -> {
                StoreStatus s = store.status();
                assertThat(s.backend()).isEqualTo(StoreStatus.OPENSEARCH);
                assertThat(s.backendError()).startsWith("OpenSearch unreachable");
                assertThat(s.writable()).isTrue();
                assertThat(s.journaledSeq()).isEqualTo(1);
                assertThat(s.indexingLag()).isEqualTo(1);
              });
      assertThat(registry.get(IndexMetrics.OPENSEARCH_REACHABLE).gauge().value()).isZero();
    }
  }

  @Test
  void invalidQueriesFailAsInTheLuceneStore() throws Exception {
    try (OpenSearchLogStore store =
        OpenSearchLogStore.open(
            config(OpenSearchNode.shared().url(), prefix(), 0), () -> NOW, registry)) {
      assertThatThrownBy(() -> search(store, "status:abc"))
          .isInstanceOf(QueryException.class)
          .hasMessageContaining("status takes whole numbers");
      assertThatThrownBy(() -> search(store, "(unbalanced")).isInstanceOf(QueryException.class);
    }
  }

  @Test
  void histogramFacetsAndContextMatchTheEvents() throws Exception {
    try (OpenSearchLogStore store =
        OpenSearchLogStore.open(
            config(OpenSearchNode.shared().url(), prefix(), 0), () -> NOW, registry)) {
      Instant base = NOW.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
      List<LogEvent> batch = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        batch.add(event(base.plusSeconds(60L * i), i % 2 == 0 ? "even" : "odd", "n" + i, Map.of()));
      }
      store.tryAppend(batch).get(10, SECONDS);
      awaitTotal(store, "", 10);
      var h = store.histogram(new HistogramRequest("", base, base.plusSeconds(600), 5));
      assertThat(h.buckets()).extracting(b -> b.count()).containsExactly(2L, 2L, 2L, 2L, 2L);
      var uneven = store.histogram(new HistogramRequest("", base, base.plusSeconds(600), 7));
      assertThat(uneven.buckets())
          .extracting(b -> b.count())
          .containsExactly(2L, 1L, 2L, 1L, 2L, 1L, 1L);
      var facets =
          store.facets(
              new FacetsRequest("", base, base.plusSeconds(600), List.of("host", "app"), 5));
      assertThat(facets.get(0).values())
          .extracting(v -> v.value() + "=" + v.count())
          .containsExactly("even=5", "odd=5");
      assertThat(facets.get(1).missing()).isZero();
      assertThatThrownBy(
              () ->
                  store.facets(
                      new FacetsRequest("", base, base.plusSeconds(600), List.of("nope"), 5)))
          .isInstanceOf(QueryException.class);
      StoredEvent anchor = search(store, "n4").hits().getFirst();
      EventContext c =
          store
              .context(new ContextRequest(anchor.id(), anchor.event().timestamp(), 2, 2, false))
              .orElseThrow();
      assertThat(c.before()).extracting(e -> e.event().message()).containsExactly("n0", "n2");
      assertThat(c.after()).extracting(e -> e.event().message()).containsExactly("n6", "n8");
    }
  }
}
