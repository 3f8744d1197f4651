package outpost.server.alerts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node's HTTP health endpoint: {@code 200 OK} to every request on 127.0.0.1, on a port that stays
 * the same across {@link #stop()} (connections are then refused, as when the node's web server
 * dies) and {@link #restart()}. Counts the requests it answered. Thread-safe; close it.
 */
final class HealthEndpoint implements AutoCloseable {
  private static final byte[] RESPONSE =
      ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n"
              + "Connection: close\r\n\r\nOK\n")
          .getBytes(StandardCharsets.US_ASCII);

  private final AtomicInteger answered = new AtomicInteger();
  private volatile int port;
  private volatile ServerSocket socket;

  private HealthEndpoint() {}

  static HealthEndpoint start() throws IOException {
    HealthEndpoint endpoint = new HealthEndpoint();
    endpoint.listen(0);
    endpoint.port = endpoint.socket.getLocalPort();
    return endpoint;
  }

  private void listen(int onPort) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
    socket = server;
    Thread thread = new Thread(() -> serve(server), "health-endpoint");
    thread.setDaemon(true);
    thread.start();
  }

  private void serve(ServerSocket server) {
    while (!server.isClosed()) {
      try (Socket client = server.accept()) {
        client.setSoTimeout(5000);
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
          // skip the request line and headers; every path is healthy
        }
        OutputStream out = client.getOutputStream();
        out.write(RESPONSE);
        out.flush();
        answered.incrementAndGet();
      } catch (SocketException e) {
        if (!server.isClosed()) {
          throw new IllegalStateException("health endpoint failed", e);
        }
      } catch (IOException e) {
        // a client that hung up mid-request: the next one is served
      }
    }
  }

  int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT/health}. */
  String url() {
    return "http://127.0.0.1:" + port + "/health";
  }

  int answered() {
    return answered.get();
  }

  /** Closes the listening socket: connections to the port are refused. */
  void stop() throws IOException {
    socket.close();
  }

  /** Listens on the same port again. */
  void restart() throws IOException {
    listen(port);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
