package outpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.LogEvent;
import outpost.index.LuceneLogStore;
import outpost.index.SearchPage;
import outpost.index.SearchRequest;
import outpost.index.StoreConfig;
import outpost.index.StoredEvent;
import outpost.index.journal.Journal;
import outpost.index.journal.JournalReplay;
import outpost.index.journal.JournalSegments;
import outpost.index.opensearch.OpenSearchLogStore;
import outpost.index.opensearch.OpenSearchStoreConfig;

/**
 * {@code migrate-to-opensearch} against a real node: an embedded store with events over four days
 * (committed partitions plus a journal tail never indexed, as a crash leaves it) is copied, every
 * event is searchable through the OpenSearch store with its fields, a rerun does not duplicate, and
 * a running Outpost on the directory is refused.
 */
class OpenSearchMigrationTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private static final int DAYS = 4;
  private static final int PER_DAY = 500;
  private static final int TAIL = 120;
  private static final int NODE_ID = 5;

  @TempDir static Path tmp;
  static Path dataDir;
  static String token;

  @BeforeAll
  static void embeddedStoreWithCommittedDaysAndAJournalTail() throws Exception {
    dataDir = tmp.resolve("data");
    token = RunningOutpost.token();
    StoreConfig config = StoreConfig.defaults(dataDir);
    try (LuceneLogStore store =
        LuceneLogStore.open(config, InstantSource.fixed(NOW), new SimpleMeterRegistry())) {
      for (int day = 0; day < DAYS; day++) {
        store.tryAppend(events(day, PER_DAY, "day" + day)).join();
      }
    } // closing commits every partition
    JournalSegments segments = JournalSegments.open(dataDir.resolve("journal"));
    JournalReplay.Result replayed = JournalReplay.replay(segments, 0, 1, b -> {});
    try (Journal journal =
        new Journal(
            segments,
            replayed,
            config.segmentBytes(),
            16,
            Duration.ofSeconds(1),
            b -> {},
            new SimpleMeterRegistry())) {
      journal.start();
      journal.tryAppend(events(0, TAIL, "tail")).join(); // journaled, never indexed
    }
  }

  /** {@code n} events {@code day} days ago, spread over that day's first hours. */
  static List<LogEvent> events(int day, int n, String tag) {
    List<LogEvent> out = new ArrayList<>();
    Instant base = NOW.minus(Duration.ofDays(day)).truncatedTo(ChronoUnit.DAYS).plusSeconds(60);
    for (int i = 0; i < n; i++) {
      Instant ts = day == 0 ? NOW.minusMillis(n - i) : base.plusSeconds(i);
      out.add(
          new LogEvent(
              ts,
              ts,
              "host-" + (i % 5),
              "nginx",
              "",
              "",
              16,
              6,
              "GET /" + tag + "/" + i + " " + token,
              "<134>1 raw " + tag + " " + i,
              Map.of("status", Integer.toString(200 + i % 3), "path", "/" + tag + "/" + i),
              "tcp",
              ""));
    }
    return out;
  }

  OutpostConfig config(String prefix) {
    return RunningOutpost.config(
        dataDir,
        Map.of(
            "OUTPOST_STORE_OPENSEARCH_HOSTS", OpenSearchEndToEndTest.nodeUrl().toString(),
            "OUTPOST_STORE_OPENSEARCH_INDEX_PREFIX", prefix,
            "OUTPOST_STORE_OPENSEARCH_NODE_ID", Integer.toString(NODE_ID)));
  }

  record Run(int exitCode, String out, String err) {}

  Run migrate(OutpostConfig config) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new OpenSearchMigration(
                config,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                InstantSource.fixed(NOW))
            .run();
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void copiesEveryDayAndTheJournalTailAndARerunDoesNotDuplicate() throws Exception {
    String prefix = OpenSearchEndToEndTest.prefix("migrate");
    OutpostConfig config = config(prefix);

    Run first = migrate(config);
    System.out.print(first.out()); // the progress lines, in the test's report

    assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
    assertThat(first.out())
        .contains(TAIL + " events not yet indexed")
        .contains(String.format("%,d events copied", DAYS * PER_DAY + TAIL))
        .doesNotContain("MISMATCH");
    assertThat(first.out().lines().filter(l -> l.contains(": verify "))).hasSize(DAYS);
    List<StoredEvent> hits = searchAll(config, prefix);
    assertThat(hits).hasSize(DAYS * PER_DAY + TAIL);
    Set<Long> ids = new HashSet<>();
    hits.forEach(h -> ids.add(h.id()));
    assertThat(ids).hasSize(hits.size());
    StoredEvent sample =
        hits.stream()
            .filter(h -> h.event().message().startsWith("GET /day2/7 "))
            .findFirst()
            .orElseThrow();
    assertThat(sample.event().host()).isEqualTo("host-2");
    assertThat(sample.event().fields()).containsEntry("status", "201");
    assertThat(sample.event().raw()).isEqualTo("<134>1 raw day2 7");

    Run again = migrate(config);

    assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    assertThat(searchAll(config, prefix)).hasSize(DAYS * PER_DAY + TAIL);
  }

  @Test
  void refusesWhileAnOutpostRunsOnTheDataDirectory() {
    Path busyDir = tmp.resolve("busy");
    Map<String, String> env =
        Map.of(
            "OUTPOST_STORE_OPENSEARCH_HOSTS", OpenSearchEndToEndTest.nodeUrl().toString(),
            "OUTPOST_STORE_OPENSEARCH_INDEX_PREFIX", OpenSearchEndToEndTest.prefix("busy"));
    try (Outpost running = Outpost.start(RunningOutpost.config(busyDir, env))) {
      Run run = migrate(RunningOutpost.config(busyDir, env));

      assertThat(run.exitCode()).isEqualTo(OpenSearchMigration.IN_USE);
      assertThat(run.err())
          .contains("data directory " + busyDir)
          .contains("is in use by another Outpost (pid " + ProcessHandle.current().pid() + ")");
      assertThat(run.out()).doesNotContain("events copied");
    }
  }

  /** Every event with the token, through an OpenSearch store of its own (another data dir). */
  static List<StoredEvent> searchAll(OutpostConfig config, String prefix) throws IOException {
    OpenSearchStoreConfig os =
        LogStores.openSearchConfig(
            StoreConfig.defaults(tmp.resolve("reader-" + prefix)),
            config.store().opensearch().orElseThrow());
    List<StoredEvent> all = new ArrayList<>();
    try (OpenSearchLogStore store =
        OpenSearchLogStore.open(os, InstantSource.system(), new SimpleMeterRegistry())) {
      String after = "";
      Instant from = NOW.minus(Duration.ofDays(DAYS + 1));
      Instant to = NOW.plus(Duration.ofDays(1));
      do {
        SearchPage page =
            store.search(new SearchRequest(token, from, to, SearchRequest.MAX_LIMIT, after));
        all.addAll(page.hits());
        after = page.nextCursor();
      } while (!after.isEmpty());
    }
    return all;
  }
}
