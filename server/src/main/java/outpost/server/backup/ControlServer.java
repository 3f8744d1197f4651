package outpost.server.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.DurableFiles;

/**
 * The running server's local control channel: a Unix domain socket ({@value #SOCKET_NAME} in the
 * data directory, mode 0600, so only the server's user can use it; nothing is exposed on the
 * network) on which {@code outpost backup} asks for an online backup. One request per connection,
 * one line: {@code backup<TAB>target<TAB>previous}; the answer streams {@code progress<TAB>text}
 * lines and ends with {@code ok<TAB>summary} or {@code error<TAB>reason}. Requests are served one
 * at a time.
 *
 * <p>Thread-safe; {@link #close} is safe twice. The server starts it last and closes it first.
 */
public final class ControlServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

  public static final String SOCKET_NAME = "control.sock";

  /** A request is one short line of two paths; anything longer is not ours. */
  static final int MAX_REQUEST_BYTES = 8192;

  /** How much of an overlong request is read and dropped before answering. */
  private static final long MAX_DISCARD_BYTES = 1 << 20;

  /** Runs one backup; the server binds it to its store and data directory. */
  @FunctionalInterface
  public interface BackupHandler {
    BackupResult backup(Path target, Path previous, java.util.function.Consumer<String> progress)
        throws IOException;
  }

  private final Path socket;
  private final ServerSocketChannel channel;
  private final BackupHandler handler;
  private final Thread thread;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ControlServer(Path socket, ServerSocketChannel channel, BackupHandler handler) {
    this.socket = socket;
    this.channel = channel;
    this.handler = handler;
    this.thread = Thread.ofPlatform().name("outpost-control").daemon().unstarted(this::serve);
  }

  /**
   * Binds {@code socket} (replacing a stale file: the caller holds the data directory's lock) and
   * starts serving.
   */
  public static ControlServer start(Path socket, BackupHandler handler) throws IOException {
    Files.deleteIfExists(socket);
    ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.bind(UnixDomainSocketAddress.of(socket));
      if (DurableFiles.posix()) {
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw new IOException("cannot bind control socket " + socket + ": " + e.getMessage(), e);
    }
    ControlServer server = new ControlServer(socket, channel, handler);
    server.thread.start();
    return server;
  }

  private void serve() {
    while (!closed.get()) {
      try (SocketChannel client = channel.accept()) {
        handle(client);
      } catch (AsynchronousCloseException e) {
        return; // closed
      } catch (IOException | RuntimeException e) {
        LOG.warn("control request failed", e);
      }
    }
  }

  private void handle(SocketChannel client) throws IOException {
    InputStream in = Channels.newInputStream(client);
    OutputStream raw = Channels.newOutputStream(client);
    PrintStream out = new PrintStream(raw, true, StandardCharsets.UTF_8);
    String request = readLine(in);
    String[] parts = request == null ? new String[0] : request.split("\t", -1);
    if (parts.length != 3 || !parts[0].equals("backup") || parts[1].isEmpty()) {
      out.println("error\tunknown request (expected backup<TAB>target<TAB>previous)");
      return;
    }
    Path target = Path.of(parts[1]);
    Path previous = parts[2].isEmpty() ? null : Path.of(parts[2]);
    if (!target.isAbsolute() || (previous != null && !previous.isAbsolute())) {
      out.println("error\tbackup directories must be absolute paths (the server's cwd differs)");
      return;
    }
    LOG.info("online backup into {} requested", target);
    try {
      BackupResult result =
          handler.backup(target, previous, line -> out.println("progress\t" + oneLine(line)));
      LOG.info(result.describe());
      out.println("ok\t" + oneLine(result.describe()));
    } catch (IOException | RuntimeException e) {
      LOG.error("online backup into {} failed", target, e);
      out.println("error\t" + oneLine(String.valueOf(e.getMessage())));
    }
  }

  /**
   * The request line, or null when the client sent nothing or more than the limit. An overlong line
   * is read to its end (up to {@link #MAX_DISCARD_BYTES}), so the error reply is not lost to a
   * reset caused by unread input.
   */
  private static String readLine(InputStream in) throws IOException {
    byte[] buffer = new byte[MAX_REQUEST_BYTES];
    int n = 0;
    long seen = 0;
    int b;
    while ((b = in.read()) >= 0 && b != '\n' && seen++ < MAX_DISCARD_BYTES) {
      if (n < buffer.length) {
        buffer[n++] = (byte) b;
      }
    }
    return n == 0 || seen > MAX_REQUEST_BYTES
        ? null
        : new String(buffer, 0, n, StandardCharsets.UTF_8);
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ');
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      channel.close();
      thread.join(30_000);
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      LOG.warn("closing control socket {} failed", socket, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
