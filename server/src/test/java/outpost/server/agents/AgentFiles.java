package outpost.server.agents;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Where the agent launch scripts are, and small helpers for the real-program tests. */
final class AgentFiles {
  private AgentFiles() {}

  /** The repository root (tests run in {@code server/}). */
  static Path repo() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("agents")) ? here : here.getParent();
  }

  /** {@code agents/bin/<name>}; fails when the agents jar was not built. */
  static Path script(String name) {
    Path jar = repo().resolve("agents/target/outpost-agents.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the agents module first");
    }
    return repo().resolve("agents/bin").resolve(name);
  }

  /** A port free right now on 127.0.0.1. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Lets an unprivileged server user (Apache's {@code nobody}) read and enter {@code dir}. */
  static void openUp(Path dir) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }
}
