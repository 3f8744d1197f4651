package outpost.agents;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Syslog over UDP (RFC 5426): one message per datagram, cut to {@link #MAX_DATAGRAM_BYTES}. UDP
 * cannot tell whether a message arrived; a connected socket at least reports a closed port on a
 * later send. Not thread-safe.
 */
final class UdpTransport implements Transport {
  /** Largest UDP payload over IPv4. */
  static final int MAX_DATAGRAM_BYTES = 65_507;

  private final String host;
  private final int port;
  private DatagramSocket socket;

  UdpTransport(String host, int port) {
    this.host = host;
    this.port = port;
  }

  @Override
  public void connect() throws IOException {
    if (socket == null) {
      DatagramSocket s = new DatagramSocket();
      try {
        s.connect(new InetSocketAddress(host, port));
      } catch (IOException | RuntimeException e) {
        s.close();
        throw e;
      }
      socket = s;
    }
  }

  @Override
  public boolean isConnected() {
    return socket != null;
  }

  @Override
  public void send(List<byte[]> messages) throws IOException {
    if (socket == null) {
      throw new IOException("not connected to " + describe());
    }
    for (byte[] m : messages) {
      socket.send(new DatagramPacket(m, Math.min(m.length, MAX_DATAGRAM_BYTES)));
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.close();
      socket = null;
    }
  }

  @Override
  public void abort() {
    // a datagram send never waits for the server
  }

  @Override
  public String describe() {
    return "udp://" + host + ":" + port;
  }
}
