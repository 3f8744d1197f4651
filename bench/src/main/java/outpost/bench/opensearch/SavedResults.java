package outpost.bench.opensearch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the contenders back from files {@code --save} wrote, so runs made one after another (a
 * contender re-run, or one that was not ready at first) can be shown in one table. Stateless.
 */
final class SavedResults {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private SavedResults() {}

  /** The finished contenders of {@code file}, each with the load average before it ran. */
  static List<Saved> read(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (!root.has("runs")) {
      throw new IOException(file + " is not a saved store comparison (no 'runs')");
    }
    List<Saved> out = new ArrayList<>();
    for (JsonNode run : root.path("runs")) {
      if (run.has("result")) {
        out.add(
            new Saved(
                JSON.treeToValue(run.get("result"), ContenderResult.class),
                root.path("started").asText(),
                run.path("load_before").asText(),
                run.path("load_after").asText()));
      }
    }
    return out;
  }

  /** One contender as saved, with when its run started and the load around it. */
  record Saved(ContenderResult result, String started, String loadBefore, String loadAfter) {}
}
