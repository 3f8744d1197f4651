package outpost.index.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Finds the unpacked OpenSearch distribution the tests run: {@code $OUTPOST_TEST_OPENSEARCH_HOME},
 * else the system property {@code outpost.test.opensearch.home}, else {@code
 * .test-tools/opensearch-<version>} searched for from the working directory upwards (the version is
 * the parent pom's {@code opensearch.version}). A missing distribution fails with a message naming
 * {@code scripts/test}, which downloads it; it never skips. Stateless.
 */
public final class OpenSearchDistribution {
  /** Environment variable scripts/test exports. */
  public static final String HOME_ENV = "OUTPOST_TEST_OPENSEARCH_HOME";

  /** System property that overrides the search (e.g. from an IDE run configuration). */
  public static final String HOME_PROPERTY = "outpost.test.opensearch.home";

  private static final String VERSION_RESOURCE = "opensearch-test.properties";

  private OpenSearchDistribution() {}

  /** The version the build pins ({@code opensearch.version} in the parent pom). */
  public static String version() {
    Properties properties = new Properties();
    try (InputStream in = OpenSearchDistribution.class.getResourceAsStream(VERSION_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            VERSION_RESOURCE + " missing from the index test classes; build with Maven");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + VERSION_RESOURCE, e);
    }
    String version = properties.getProperty("opensearch.version", "");
    if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
      throw new IllegalStateException(
          VERSION_RESOURCE + " names version '" + version + "'; was it filtered by Maven?");
    }
    return version;
  }

  /** The distribution's home directory (holds {@code bin/opensearch}). */
  public static Path home() {
    List<Path> looked = new ArrayList<>();
    for (Path candidate : candidates()) {
      looked.add(candidate);
      if (Files.isExecutable(candidate.resolve("bin").resolve("opensearch"))) {
        return candidate.toAbsolutePath();
      }
    }
    throw new AssertionError(
        "OpenSearch "
            + version()
            + " distribution not found (looked in "
            + looked
            + "); run scripts/test, which downloads it through Maven into .test-tools/ and"
            + " exports "
            + HOME_ENV
            + ", then runs the tests");
  }

  private static List<Path> candidates() {
    String env = System.getenv(HOME_ENV);
    if (env != null && !env.isBlank()) {
      return List.of(Path.of(env));
    }
    String property = System.getProperty(HOME_PROPERTY);
    if (property != null && !property.isBlank()) {
      return List.of(Path.of(property));
    }
    List<Path> upwards = new ArrayList<>();
    Path relative = Path.of(".test-tools", "opensearch-" + version());
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      upwards.add(dir.resolve(relative));
    }
    return upwards;
  }
}
