package outpost.server.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The command line's side of {@link ControlServer}: asks a running server for a backup and relays
 * its progress. Stateless.
 */
public final class ControlClient {
  private ControlClient() {}

  /**
   * The server's final answer.
   *
   * @param ok whether the backup completed
   * @param text its summary, or why it failed
   */
  public record Reply(boolean ok, String text) {}

  /**
   * Asks the server listening on {@code socket} to back up into {@code target}.
   *
   * @return empty when no server listens there (no socket file, or a stale one)
   * @throws IOException when the connection breaks before the answer
   */
  public static Optional<Reply> backup(
      Path socket, Path target, Path previous, Consumer<String> progress) throws IOException {
    if (!Files.exists(socket)) {
      return Optional.empty();
    }
    SocketChannel channel;
    try {
      channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
    } catch (java.net.SocketException e) {
      return Optional.empty(); // a file left by a server that died: nobody listens
    }
    try (channel) {
      String request =
          "backup\t"
              + target.toAbsolutePath().normalize()
              + "\t"
              + (previous == null ? "" : previous.toAbsolutePath().normalize())
              + "\n";
      channel.write(java.nio.ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        int tab = line.indexOf('\t');
        String kind = tab < 0 ? line : line.substring(0, tab);
        String text = tab < 0 ? "" : line.substring(tab + 1);
        switch (kind) {
          case "progress" -> progress.accept(text);
          case "ok" -> {
            return Optional.of(new Reply(true, text));
          }
          default -> {
            return Optional.of(new Reply(false, text));
          }
        }
      }
      throw new IOException("the server closed " + socket + " before answering");
    }
  }
}
