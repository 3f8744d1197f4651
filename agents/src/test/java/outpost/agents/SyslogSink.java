package outpost.agents;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A syslog TCP receiver for tests: accepts connections on 127.0.0.1, reads octet-counted frames and
 * keeps each message as text. Can be started again on the same port. Thread-safe.
 */
final class SyslogSink implements AutoCloseable {
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private final List<String> peers = new CopyOnWriteArrayList<>();
  private final javax.net.ServerSocketFactory factory;
  private ServerSocket server;
  private int port;

  private SyslogSink(javax.net.ServerSocketFactory factory) {
    this.factory = factory;
  }

  static SyslogSink start() throws IOException {
    SyslogSink sink = new SyslogSink(javax.net.ServerSocketFactory.getDefault());
    sink.listen(0);
    return sink;
  }

  /** A TLS receiver (RFC 5425 framing) that requires a client certificate. */
  static SyslogSink startTls(javax.net.ssl.SSLContext context) throws IOException {
    SyslogSink sink = new SyslogSink(context.getServerSocketFactory());
    sink.listen(0);
    return sink;
  }

  /** Subjects of the client certificates of TLS connections that sent something. */
  List<String> peers() {
    return new ArrayList<>(peers);
  }

  /** Listens again on the port it had (after {@link #stop}). */
  void restart() throws IOException {
    listen(port);
  }

  private void listen(int p) throws IOException {
    ServerSocket s = factory.createServerSocket();
    if (s instanceof javax.net.ssl.SSLServerSocket ssl) {
      ssl.setNeedClientAuth(true);
    }
    s.setReuseAddress(true);
    s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), p));
    server = s;
    port = s.getLocalPort();
    Thread.ofPlatform().daemon().name("sink-accept").start(() -> accept(s));
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket c = s.accept();
        clients.add(c);
        Thread.ofPlatform().daemon().name("sink-read").start(() -> read(c));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void read(Socket c) {
    try (InputStream in = new BufferedInputStream(c.getInputStream())) {
      if (c instanceof javax.net.ssl.SSLSocket ssl) {
        ssl.startHandshake();
        peers.add(
            ((java.security.cert.X509Certificate) ssl.getSession().getPeerCertificates()[0])
                .getSubjectX500Principal()
                .getName());
      }
      while (true) {
        int length = 0;
        int b;
        while ((b = in.read()) != ' ') {
          if (b < 0) {
            return;
          }
          length = length * 10 + (b - '0');
        }
        byte[] m = in.readNBytes(length);
        if (m.length < length) {
          return;
        }
        messages.add(new String(m, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the connection was closed
    }
  }

  int port() {
    return port;
  }

  List<String> messages() {
    return new ArrayList<>(messages);
  }

  /** Messages whose APP-NAME is {@code app}, their MSG part only. */
  List<String> bodies(String app) {
    List<String> out = new ArrayList<>();
    for (String m : messages) {
      String[] f = m.split(" ", 7);
      if (f.length == 7 && f[3].equals(app)) {
        String rest = f[6]; // "SD MSG" with SD "-" for lines
        out.add(rest.startsWith("- ") ? rest.substring(2) : rest.equals("-") ? "" : rest);
      }
    }
    return out;
  }

  /** Stops listening and closes every connection. */
  void stop() throws IOException {
    server.close();
    for (Socket c : clients) {
      c.close();
    }
    clients.clear();
  }

  @Override
  public void close() throws IOException {
    stop();
  }
}
