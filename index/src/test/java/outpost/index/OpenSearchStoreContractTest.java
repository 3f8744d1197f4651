package outpost.index;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import outpost.index.opensearch.OpenSearchConnection;
import outpost.index.opensearch.OpenSearchLogStore;
import outpost.index.opensearch.OpenSearchNode;
import outpost.index.opensearch.OpenSearchStoreConfig;

/**
 * The store contract against the OpenSearch store on a real node (the shared test node); each store
 * name gets an index prefix of its own for this run, so reopening a name reaches its data.
 */
class OpenSearchStoreContractTest extends LogStoreContract {
  private final Path root = Files.createTempDirectory("opensearch-contract-");
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  OpenSearchStoreContractTest() throws IOException {}

  @Override
  protected LogStore open(String name, InstantSource clock) throws IOException {
    OpenSearchConnection connection =
        new OpenSearchConnection(List.of(OpenSearchNode.shared().url()), null, null, null);
    OpenSearchStoreConfig config =
        OpenSearchStoreConfig.defaults(StoreConfig.defaults(root.resolve(name)), connection);
    return OpenSearchLogStore.open(
        new OpenSearchStoreConfig(
            config.local(),
            connection,
            "contract-" + run + "-" + name,
            config.nodeId(),
            1,
            0,
            config.bulkEvents(),
            config.maxJournalEvents()),
        clock,
        new SimpleMeterRegistry());
  }

  @Override
  protected void storesClosed() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
