package outpost.server.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the browser tests put their output: {@code server/target/screenshots/*.png} (build output
 * only, never committed) and {@code server/target/browser-logs/}. Stateless.
 */
final class Screenshots {
  private Screenshots() {}

  /** The module's {@code target} directory (Surefire sets {@code basedir} to the module). */
  static Path buildDir() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
  }

  /** Writes {@code png} to {@code target/screenshots/<name>.png} and returns the path. */
  static Path save(String name, byte[] png) {
    Path file = buildDir().resolve("screenshots").resolve(name + ".png");
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException("writing screenshot " + file, e);
    }
  }
}
