package outpost.index;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.stream.Stream;

/** The store contract against the embedded Lucene store. */
class LuceneStoreContractTest extends LogStoreContract {
  private final Path root = Files.createTempDirectory("lucene-contract-");

  LuceneStoreContractTest() throws IOException {}

  @Override
  protected LogStore open(String name, InstantSource clock) throws IOException {
    return LuceneLogStore.open(
        StoreConfig.defaults(root.resolve(name)), clock, new SimpleMeterRegistry());
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
