package outpost.server.peers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Writes LF-terminated lines to a peer's TCP input on 127.0.0.1 (RFC 6587 section 3.4.2). */
final class TcpLines {
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private TcpLines() {}

  static void send(int port, String... lines) {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      for (String line : lines) {
        if (line.indexOf('\n') >= 0) {
          throw new IllegalArgumentException("a line must not contain LF: " + line);
        }
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("sending to 127.0.0.1:" + port, e);
    }
  }

  /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
