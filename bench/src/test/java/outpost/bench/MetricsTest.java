package outpost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final String SCRAPE =
      """
      # HELP outpost_ingest_accepted_messages_total Messages the store confirmed durable
      # TYPE outpost_ingest_accepted_messages_total counter
      outpost_ingest_accepted_messages_total{transport="tcp"} 1200.0
      outpost_ingest_accepted_messages_total{transport="udp"} 34.0
      outpost_ingest_dropped_messages_total{reason="backpressure",transport="udp"} 5.0
      outpost_index_documents_total 1234.0
      jvm_threads_live_threads 42.0
      """;

  @Test
  void sumsSeriesByNameAndLabel() {
    Metrics m = Metrics.parse(SCRAPE);
    assertThat(Meters.sum(m, Meters.ACCEPTED)).isEqualTo(1234.0);
    assertThat(Meters.sum(m, Meters.ACCEPTED, "udp")).isEqualTo(34.0);
    assertThat(Meters.sum(m, Meters.DROPPED, "udp")).isEqualTo(5.0);
    assertThat(Meters.sum(m, Meters.INDEXED)).isEqualTo(1234.0);
    assertThat(m.sum("jvm_threads_live_threads")).isEqualTo(42.0);
  }

  @Test
  void missingMeterSumsToZero() {
    assertThat(Meters.sum(Metrics.parse(SCRAPE), Meters.PARSE_ERRORS)).isZero();
  }

  @Test
  void percentileIsNearestRank() {
    long[] sorted = new long[100];
    for (int i = 0; i < 100; i++) {
      sorted[i] = i + 1;
    }
    assertThat(QueryLatency.percentile(sorted, 50)).isEqualTo(50);
    assertThat(QueryLatency.percentile(sorted, 99)).isEqualTo(99);
    assertThat(QueryLatency.percentile(new long[] {7}, 99)).isEqualTo(7);
  }

  @Test
  void groupsThreadsWithoutTheirNumbers() {
    assertThat(ThreadCpuDelta.group("GC Thread#3")).isEqualTo("GC Thread");
    assertThat(ThreadCpuDelta.group("epollEventLoopG")).isEqualTo("epollEventLoopG");
    assertThat(ThreadCpuDelta.group("outpost-index-1-2")).isEqualTo("outpost-index");
  }
}
