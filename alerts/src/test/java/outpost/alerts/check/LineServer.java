package outpost.alerts.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A tiny TCP server on 127.0.0.1:0 for the tests: sends a banner, answers {@code PING} with {@code
 * PONG}, and on {@code HOLD} keeps the connection open without answering until closed. One virtual
 * thread per connection.
 */
final class LineServer implements AutoCloseable {
  private final ServerSocket socket;
  private final CountDownLatch closed = new CountDownLatch(1);

  LineServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::accept);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        Thread.ofVirtual().start(() -> serve(s));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      OutputStream out = s.getOutputStream();
      out.write("220 line server ready\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      String line = in.readLine();
      if ("PING".equals(line)) {
        out.write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
      } else if ("HOLD".equals(line)) {
        closed.await(30, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    closed.countDown();
    socket.close();
  }
}
