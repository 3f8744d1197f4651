package outpost.bench.opensearch;

import java.net.URI;
import java.util.Map;

/**
 * How the benchmark points an Outpost server at an OpenSearch node: the environment overrides of
 * the {@code store.type: opensearch} configuration. Stateless.
 */
final class OpenSearchWiring {
  /** Daily index prefix Outpost writes under in the benchmark. */
  static final String INDEX_PREFIX = "outpost-logs";

  /** All indices Outpost writes (and nothing else on the benchmark's node). */
  static final String INDEX_PATTERN = INDEX_PREFIX + "-*";

  private OpenSearchWiring() {}

  /** Environment for a server that stores into the node at {@code base}. */
  static Map<String, String> env(URI base) {
    return Map.of(
        "OUTPOST_STORE_TYPE",
        "opensearch",
        "OUTPOST_STORE_OPENSEARCH_HOSTS",
        base.toString(),
        "OUTPOST_STORE_OPENSEARCH_INDEX_PREFIX",
        INDEX_PREFIX);
  }
}
