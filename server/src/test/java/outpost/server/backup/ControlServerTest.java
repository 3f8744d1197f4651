package outpost.server.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.backup.StoreBackup;

/** The control socket: owner-only, relays progress and the result, refuses what is not ours. */
class ControlServerTest {
  @TempDir Path dir;

  private final List<Path> requested = new ArrayList<>();

  private ControlServer start() throws IOException {
    return ControlServer.start(
        dir.resolve(ControlServer.SOCKET_NAME),
        (target, previous, progress) -> {
          requested.add(target);
          progress.accept("copying\nsomething");
          if (target.endsWith("fail")) {
            throw new IOException("disk full\nreally");
          }
          return new BackupResult(
              target, previous, 3, 10, 20, new StoreBackup.Summary("test", 1, 5, 9, 1));
        });
  }

  @Test
  void relaysProgressAndTheResultToTheClient() throws IOException {
    try (ControlServer server = start()) {
      List<String> progress = new ArrayList<>();
      Optional<ControlClient.Reply> reply =
          ControlClient.backup(
              dir.resolve(ControlServer.SOCKET_NAME), dir.resolve("b1"), null, progress::add);

      assertThat(reply).isPresent();
      assertThat(reply.get().ok()).isTrue();
      assertThat(reply.get().text()).contains("3 files, 10 bytes copied, 20 bytes linked");
      assertThat(progress).containsExactly("copying something");
      assertThat(requested).containsExactly(dir.resolve("b1").toAbsolutePath());
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(dir.resolve(ControlServer.SOCKET_NAME))))
          .isEqualTo("rw-------");
    }
    assertThat(dir.resolve(ControlServer.SOCKET_NAME)).as("removed on close").doesNotExist();
  }

  @Test
  void reportsAFailedBackupOnOneLine() throws IOException {
    try (ControlServer server = start()) {
      ControlClient.Reply reply =
          ControlClient.backup(
                  dir.resolve(ControlServer.SOCKET_NAME), dir.resolve("fail"), null, line -> {})
              .orElseThrow();

      assertThat(reply.ok()).isFalse();
      assertThat(reply.text()).isEqualTo("disk full really");
    }
  }

  @Test
  void refusesUnknownRequestsAndRelativePaths() throws IOException {
    try (ControlServer server = start()) {
      assertThat(exchange("status\n")).startsWith("error\tunknown request");
      assertThat(exchange("backup\trelative/dir\t\n")).startsWith("error\tbackup directories");
      assertThat(exchange("x".repeat(ControlServer.MAX_REQUEST_BYTES + 1) + "\n"))
          .startsWith("error\tunknown request");
      assertThat(requested).isEmpty();
    }
  }

  @Test
  void noServerMeansEmptyEvenWithAStaleSocketFile() throws IOException {
    Path socket = dir.resolve(ControlServer.SOCKET_NAME);
    assertThat(ControlClient.backup(socket, dir.resolve("b"), null, line -> {})).isEmpty();
    start().close();
    Files.createFile(socket); // what a killed server leaves behind, as far as a client can tell

    assertThat(ControlClient.backup(socket, dir.resolve("b"), null, line -> {})).isEmpty();
  }

  private String exchange(String request) throws IOException {
    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      c.connect(UnixDomainSocketAddress.of(dir.resolve(ControlServer.SOCKET_NAME)));
      c.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
      return new String(Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
