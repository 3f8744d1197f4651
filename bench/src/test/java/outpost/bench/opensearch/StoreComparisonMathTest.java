package outpost.bench.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The numbers the comparison derives from what it measured, and how it compares them. */
class StoreComparisonMathTest {
  private static final long SECOND = 1_000_000_000L;

  private static QueryTimer.Latency latency(String query, double p50) {
    return new QueryTimer.Latency(query, 100, p50, p50 * 3, p50 * 5, "total=1");
  }

  /** 2M messages in 40 s; Outpost 30 CPU s, no OpenSearch; index 60 MB; queries 2 and 10 ms. */
  private static ContenderResult lucene() {
    return new ContenderResult(
        "Outpost, embedded Lucene",
        2_000_000,
        40.0,
        30 * SECOND,
        -1,
        4 * SECOND,
        0.5,
        60_000_000,
        90_000_000,
        800L << 20,
        -1,
        List.of(latency("term", 2.0), latency("histogram", 10.0)));
  }

  /** 2M messages in 160 s; OpenSearch 200 CPU s; index 200 MB; queries 8 and 15 ms. */
  private static ContenderResult direct() {
    return new ContenderResult(
        "OpenSearch, direct _bulk",
        2_000_000,
        160.0,
        -1,
        200 * SECOND,
        20 * SECOND,
        0.25,
        200_000_000,
        210_000_000,
        -1,
        1200L << 20,
        List.of(latency("term", 8.0), latency("histogram", 15.0)));
  }

  @Test
  void derivesRatesCpuPerMillionAndBytesPerMessage() {
    ContenderResult r = lucene();
    assertThat(r.messagesPerSecond()).isEqualTo(50_000.0);
    assertThat(r.cpuSecondsPerMillion(r.outpostCpuNanos())).isEqualTo(15.0);
    assertThat(r.cpuSecondsPerMillion(r.openSearchCpuNanos())).isNaN();
    assertThat(r.cpuSecondsPerMillion(r.loadCpuNanos())).isEqualTo(2.0);
    assertThat(r.serverCpuNanos()).isEqualTo(30 * SECOND);
    assertThat(r.messagesPerCpuSecond()).isCloseTo(66_666.67, within(0.01));
    assertThat(r.indexBytesPerMessage()).isEqualTo(30.0);
    assertThat(r.dataBytesPerMessage()).isEqualTo(45.0);
    assertThat(r.p50("histogram")).isEqualTo(10.0);
    assertThat(r.p50("no such query")).isNaN();
  }

  @Test
  void sumsOutpostAndOpenSearchCpu() {
    ContenderResult both =
        new ContenderResult(
            "Outpost on OpenSearch",
            1_000_000,
            10,
            7 * SECOND,
            13 * SECOND,
            0,
            0,
            1,
            1,
            1,
            1,
            List.of());
    assertThat(both.serverCpuNanos()).isEqualTo(20 * SECOND);
    assertThat(both.cpuSecondsPerMillion(both.serverCpuNanos())).isEqualTo(20.0);
    assertThat(both.messagesPerCpuSecond()).isEqualTo(50_000.0);
  }

  @Test
  void checksTheGoalAgainstOpenSearch() {
    List<String> goals = ComparisonTable.goals(lucene(), direct());
    // per CPU second: 66,667 against 10,000 msgs
    assertThat(goals.get(0))
        .isEqualTo(
            "indexing rate per CPU: Outpost, embedded Lucene 6.67x OpenSearch, direct _bulk"
                + " (goal >= 3x): met");
    // 30 against 100 bytes per message
    assertThat(goals.get(1)).contains(" 0.30 of ").endsWith(": met");
    assertThat(goals.get(2)).startsWith("p50 term: 0.25 of ").endsWith(": met");
    assertThat(goals.get(3)).startsWith("p50 histogram: 0.67 of ").endsWith(": NOT met");
  }

  @Test
  void rendersOneColumnPerContender() {
    String table = ComparisonTable.markdown(List.of(lucene(), direct()), 350.4, 290.6);
    assertThat(table.lines().toList())
        .contains(
            "| | Outpost, embedded Lucene | OpenSearch, direct _bulk |",
            "| indexing msgs/s, until searchable | 50,000 | 12,500 |",
            "| CPU s per 1M msgs: Outpost | 15.00 | - |",
            "| CPU s per 1M msgs: OpenSearch | - | 100 |",
            "| CPU s per 1M msgs: sum | **15.00** | **100** |",
            "| index bytes per msg (raw frame 350 B, line 291 B) | 30.00 | 100 |",
            "| peak RSS OpenSearch, MiB | - | 1,200 |",
            "| term, p50 / p99 ms | 2.00 / 6.00 | 8.00 / 24.00 |");
  }

  @Test
  void percentilesAreNearestRankOfUnsortedSamples() {
    long[] nanos = new long[200];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = (200 - i) * 1_000_000L; // 200 ms down to 1 ms
    }
    QueryTimer.Latency l = QueryTimer.latency("q", nanos, "total=3");
    assertThat(l.p50()).isEqualTo(100.0);
    assertThat(l.p99()).isEqualTo(198.0);
    assertThat(l.max()).isEqualTo(200.0);
    assertThat(l.runs()).isEqualTo(200);
  }

  @Test
  void readsBackWhatASavedRunHolds(@TempDir Path dir) throws IOException {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("contender", "lucene");
    run.put("load_before", "19.62 18.54 12.93");
    run.put("result", lucene());
    run.put("load_after", "19.50 21.19 17.26");
    Map<String, Object> failed = Map.of("contender", "bulk", "failed", "no node");
    Path file = dir.resolve("saved.json");
    new ObjectMapper()
        .writeValue(
            file.toFile(), Map.of("started", "2026-11-23T18:58:10Z", "runs", List.of(run, failed)));

    List<SavedResults.Saved> saved = SavedResults.read(file);

    assertThat(saved).hasSize(1);
    assertThat(saved.get(0).result()).isEqualTo(lucene());
    assertThat(saved.get(0).loadBefore()).isEqualTo("19.62 18.54 12.93");
    assertThat(saved.get(0).started()).isEqualTo("2026-11-23T18:58:10Z");
  }

  @Test
  void otherCoresAreTheMachineMinusTheCountedProcesses() {
    // 4 CPU s on the machine in 2 s of wall time, 3 of them counted: 0.5 cores elsewhere
    assertThat(CpuWindow.otherCores(4 * SECOND, 3 * SECOND, 2 * SECOND)).isEqualTo(0.5);
    // /proc ticks are coarse: never below zero
    assertThat(CpuWindow.otherCores(3 * SECOND, 4 * SECOND, 2 * SECOND)).isZero();
  }
}
