package outpost.index.opensearch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import outpost.index.LogStore;
import outpost.index.LogStoreContract;
import outpost.index.StoreConfig;

/**
 * The store contract against the OpenSearch store on a real node ({@link OpenSearchNode#shared()}).
 * Every store has an index prefix of its own, so runs and tests never see each other's events.
 */
class OpenSearchStoreContractTest extends LogStoreContract {
  private final Path root = Files.createTempDirectory("opensearch-contract-");
  private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

  OpenSearchStoreContractTest() throws IOException {}

  static OpenSearchStoreConfig config(Path dataDir, OpenSearchNode node, String prefix) {
    OpenSearchStoreConfig d =
        OpenSearchStoreConfig.defaults(
            StoreConfig.defaults(dataDir),
            new OpenSearchConnection(List.of(node.url()), null, null, null));
    return new OpenSearchStoreConfig(
        d.local(), d.connection(), prefix, 0, 1, 0, d.bulkEvents(), d.maxJournalEvents());
  }

  @Override
  protected LogStore open(String name, InstantSource clock) throws IOException {
    OpenSearchStoreConfig config =
        config(root.resolve(name), OpenSearchNode.shared(), "t-contract-" + run + "-" + name);
    return OpenSearchLogStore.open(config, clock, new SimpleMeterRegistry());
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
