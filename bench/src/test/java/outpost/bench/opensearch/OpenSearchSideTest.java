package outpost.bench.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.bench.Corpus;

/** What the benchmark sends to OpenSearch and how it reads the answers, without a node. */
class OpenSearchSideTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LINE =
      "83.149.9.216 - - [17/May/2015:10:05:03 +0000] \"GET /favicon.ico HTTP/1.1\" 503 - \"-\""
          + " \"Mozilla/5.0\"";

  @TempDir Path dir;

  @Test
  void documentsHoldTheDecodedFieldsWithNumbersAsNumbers() throws IOException {
    Files.write(dir.resolve("a.log"), List.of(LINE, LINE.replace(" 503 - ", " 200 1234 ")));
    BulkDocuments docs = BulkDocuments.of(Corpus.load(dir.resolve("a.log"), 2));
    StringBuilder bulk = new StringBuilder();
    docs.appendBulk(bulk, 1, 2, "2026-11-23T19:00:00.123Z");

    List<String> lines = bulk.toString().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("{\"index\":{}}");
    JsonNode ok = JSON.readTree(lines.get(1));
    assertThat(ok.path("@timestamp").asText()).isEqualTo("2026-11-23T19:00:00.123Z");
    assertThat(ok.path("host").asText()).isEqualTo("web-02");
    assertThat(ok.path("app").asText()).isEqualTo("apache");
    assertThat(ok.path("severity").asText()).isEqualTo("info");
    assertThat(ok.path("status").isIntegralNumber()).isTrue();
    assertThat(ok.path("status").asLong()).isEqualTo(200);
    assertThat(ok.path("bytes").asLong()).isEqualTo(1234);
    assertThat(ok.path("path").asText()).isEqualTo("/favicon.ico");
    assertThat(ok.path("message").asText()).isEqualTo(LINE.replace(" 503 - ", " 200 1234 "));
    assertThat(ok.has("raw")).isFalse();
    // wrapped around to the first line; Outpost's extractor reads "-" bytes (%b) as 0
    JsonNode error = JSON.readTree(lines.get(3));
    assertThat(error.path("status").asLong()).isEqualTo(503);
    assertThat(error.path("severity").asText()).isEqualTo("err");
    assertThat(error.path("bytes").isIntegralNumber()).isTrue();
    assertThat(error.path("bytes").asLong()).isZero();
  }

  @Test
  void histogramSplitsTheRangeIntoEqualBucketsFromItsStart() throws IOException {
    Instant from = Instant.parse("2026-11-23T19:00:00.007Z");
    Instant to = from.plusSeconds(600);
    assertThat(ComparisonQuery.bucketMillis(from, to)).isEqualTo(10_000);
    ComparisonQuery histogram =
        ComparisonQuery.standard().stream()
            .filter(q -> q.kind() == ComparisonQuery.Kind.HISTOGRAM)
            .findFirst()
            .orElseThrow();
    JsonNode h = JSON.readTree(histogram.openSearchBody(from, to)).path("aggs").path("h");
    JsonNode dh = h.path("date_histogram");
    assertThat(dh.path("fixed_interval").asText()).isEqualTo("10000ms");
    // buckets start at multiples of the interval plus the offset: the first one at from
    assertThat(dh.path("offset").asText()).isEqualTo("7ms");
    assertThat(dh.path("extended_bounds").path("min").asLong()).isEqualTo(from.toEpochMilli());
    // rounded down to the interval, plus the offset: the start of the 60th bucket, not to
    long max = dh.path("extended_bounds").path("max").asLong();
    assertThat(Math.floorDiv(max, 10_000) * 10_000 + 7)
        .isEqualTo(from.plusSeconds(590).toEpochMilli());
  }

  @Test
  void searchesCountExactlyAndFilterTheRange() throws IOException {
    Instant from = Instant.parse("2026-11-23T19:00:00Z");
    Instant to = from.plusSeconds(60);
    for (ComparisonQuery q : ComparisonQuery.standard()) {
      JsonNode body = JSON.readTree(q.openSearchBody(from, to));
      JsonNode filters = body.path("query").path("bool").path("filter");
      assertThat(filters.toString())
          .as(q.name())
          .contains("\"gte\":" + from.toEpochMilli(), "\"lt\":" + to.toEpochMilli());
      if (q.outpostPath().equals("/api/search")) {
        assertThat(body.path("track_total_hits").asBoolean()).isTrue();
        assertThat(body.path("size").asInt()).isEqualTo(ComparisonQuery.LIMIT);
      }
    }
  }

  @Test
  void summarizesOpenSearchAnswersAsOutpostOnes() throws IOException {
    assertThat(QueryTargets.summarize(JSON.readTree("{\"hits\":{\"total\":{\"value\":42}}}")))
        .isEqualTo("total=42");
    assertThat(
            QueryTargets.summarize(
                JSON.readTree(
                    "{\"aggregations\":{\"h\":{\"buckets\":[{\"doc_count\":3},{\"doc_count\":4}]}}}")))
        .isEqualTo("buckets=2 counted=7");
    assertThat(
            QueryTargets.summarize(
                JSON.readTree(
                    "{\"hits\":{\"total\":{\"value\":9}},\"aggregations\":{\"top\":{\"buckets\":"
                        + "[{\"key\":200,\"doc_count\":8},{\"key\":404,\"doc_count\":1}]}}}")))
        .isEqualTo("total=9 top: 200=8 404=1");
  }

  @Test
  void nodeConfigIsTheDistributionsPlusSingleNodeSettings() throws IOException {
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve("config"));
    Files.writeString(home.resolve("config/opensearch.yml"), "cluster.name: x\n");
    Files.writeString(
        home.resolve("config/jvm.options"), "-XX:HeapDumpPath=data\n-Xlog:gc*:file=logs/gc.log\n");
    Path node = dir.resolve("node");

    Path config = OpenSearchProcess.writeConfig(home, node, 9333, 9444);

    assertThat(Files.readString(config.resolve("opensearch.yml")))
        .startsWith("cluster.name: x\n")
        .contains(
            "discovery.type: single-node",
            "network.host: 127.0.0.1",
            "http.port: 9333",
            "transport.port: 9444",
            "path.data: " + node.resolve("data"),
            "path.logs: " + node.resolve("logs"));
    assertThat(Files.readString(config.resolve("jvm.options")))
        .isEqualTo(
            "-XX:HeapDumpPath="
                + node.resolve("data")
                + "\n-Xlog:gc*:file="
                + node.resolve("logs")
                + "/gc.log\n");
    assertThat(Files.readString(home.resolve("config/jvm.options"))).contains("=logs/");
  }
}
