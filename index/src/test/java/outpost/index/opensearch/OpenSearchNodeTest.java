package outpost.index.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenSearchNodeTest {
  @Test
  void sharedNodeAnswersOnLoopbackAsTheUnprivilegedUser() throws Exception {
    OpenSearchNode node = OpenSearchNode.shared();

    assertThat(node.url().getHost()).isEqualTo("127.0.0.1");
    HttpResponse<String> root =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(node.url().resolve("/")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.body()).contains("\"number\" : \"" + OpenSearchDistribution.version() + "\"");
    assertThat(OpenSearchNode.shared()).isSameAs(node);
  }

  @Test
  void aNodeThatCannotStartFailsWithTheTailOfItsLog() {
    assertThatThrownBy(() -> OpenSearchNode.launch(Map.of("no.such.setting", "1")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("did not come up")
        .hasMessageContaining("no.such.setting");
  }

  @Test
  void closeDeletesTheNodeDirectory() {
    Path dir;
    try (OpenSearchNode node = OpenSearchNode.launch()) {
      dir = node.directory();
      assertThat(dir.resolve("node.log")).exists();
    }
    assertThat(Files.exists(dir)).isFalse();
  }
}
