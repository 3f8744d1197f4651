package outpost.index.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.query.LogQueryParser;

/** Outpost's parsed queries as OpenSearch DSL: no cluster needed. */
class QueryTranslatorTest {
  private final LogQueryParser parser = new LogQueryParser();

  private JsonNode dsl(String query) {
    return QueryTranslator.translate(parser.parse(query));
  }

  @Test
  void defaultFieldTermsAreAndedMessageTerms() {
    JsonNode q = dsl("Failed root");
    assertThat(q.path("bool").path("must")).hasSize(2);
    assertThat(q.path("bool").path("must").path(0).path("term").path("message").asText())
        .isEqualTo("failed");
  }

  @Test
  void aTermTheAnalyzerSplitsIsAPhrase() {
    assertThat(dsl("HTTP/1.1").path("match_phrase").path("message").path("query").asText())
        .isEqualTo("http 1.1");
  }

  @Test
  void numericComparisonsAreLongRanges() {
    JsonNode range = dsl("status:>=500").path("range").path("status");
    assertThat(range.path("gte").asLong()).isEqualTo(500);
    assertThat(range.has("lte")).isFalse();
    JsonNode exact = dsl("status:404").path("range").path("status");
    assertThat(exact.path("gte").asLong()).isEqualTo(404);
    assertThat(exact.path("lte").asLong()).isEqualTo(404);
    JsonNode open = dsl("bytes:{100 TO 200}").path("range").path("bytes");
    assertThat(open.path("gte").asLong()).isEqualTo(101);
    assertThat(open.path("lte").asLong()).isEqualTo(199);
  }

  @Test
  void termLikeQueriesOnNumericFieldsMatchNothingAsInLucene() {
    assertThat(dsl("status:4*").has("match_none")).isTrue();
  }

  @Test
  void pathAlsoMatchesItsValueWithoutTheQueryString() {
    JsonNode should = dsl("path:/wp-login.php").path("bool").path("should");
    assertThat(should).hasSize(2);
    assertThat(should.path(0).path("term").path("path").asText()).isEqualTo("/wp-login.php");
    assertThat(should.path(1).path("term").path(EventJson.PATH_BASE).asText())
        .isEqualTo("/wp-login.php");
  }

  @Test
  void onlyNegatedClausesMatchEverythingElse() {
    JsonNode bool = dsl("-host:web-1").path("bool");
    assertThat(bool.path("filter").path(0).has("match_all")).isTrue();
    assertThat(bool.path("must_not").path(0).path("term").path("host").asText()).isEqualTo("web-1");
  }

  @Test
  void orNeedsOneOfItsClauses() {
    JsonNode bool = dsl("host:a OR host:b").path("bool");
    assertThat(bool.path("should")).hasSize(2);
    assertThat(bool.path("minimum_should_match").asInt()).isEqualTo(1);
  }

  @Test
  void keywordWildcardsKeepTheirCase() {
    assertThat(dsl("host:Web*").path("prefix").path("host").asText()).isEqualTo("Web");
    assertThat(dsl("host:*eb-1").path("wildcard").path("host").path("value").asText())
        .isEqualTo("*eb-1");
  }

  @Test
  void aCaFileWithoutCertificatesIsAClearError(@TempDir Path dir) throws IOException {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
    OpenSearchConnection c =
        new OpenSearchConnection(List.of(URI.create("https://127.0.0.1:9200")), "u", "p", ca);
    assertThatThrownBy(() -> new ClusterClient(c).close())
        .isInstanceOf(IOException.class)
        .hasMessageContaining(ca.toString());
  }
}
