package outpost.server.peers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Outpost that records what peers send: the bytes of every TCP connection and every
 * UDP datagram, on 127.0.0.1 ports chosen by the OS. Used to check the peer harness on its own.
 * Thread-safe; close it to stop its threads.
 */
final class FakeSyslogReceiver implements AutoCloseable {
  private static final int MAX_DATAGRAM = 65_535;

  private final ServerSocket tcp;
  private final DatagramSocket udp;
  private final List<ByteArrayOutputStream> connections = new CopyOnWriteArrayList<>();
  private final List<String> datagrams = new CopyOnWriteArrayList<>();
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();

  FakeSyslogReceiver() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    tcp = new ServerSocket(0, 50, loopback);
    udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
    Thread.ofVirtual().name("fake-tcp-accept").start(this::acceptLoop);
    Thread.ofVirtual().name("fake-udp").start(this::receiveLoop);
  }

  int tcpPort() {
    return tcp.getLocalPort();
  }

  int udpPort() {
    return udp.getLocalPort();
  }

  /** The bytes received on each TCP connection so far, as UTF-8 text, oldest first. */
  List<String> tcpStreams() {
    List<String> streams = new ArrayList<>();
    for (ByteArrayOutputStream bytes : connections) {
      synchronized (bytes) {
        streams.add(bytes.toString(StandardCharsets.UTF_8));
      }
    }
    return streams;
  }

  /** The UDP datagrams received so far, as UTF-8 text, oldest first. */
  List<String> datagrams() {
    return List.copyOf(datagrams);
  }

  private void acceptLoop() {
    while (!tcp.isClosed()) {
      try {
        Socket socket = tcp.accept();
        accepted.add(socket);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        connections.add(bytes);
        Thread.ofVirtual().name("fake-tcp-read").start(() -> readLoop(socket, bytes));
      } catch (SocketException e) {
        return; // closed
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void readLoop(Socket socket, ByteArrayOutputStream bytes) {
    byte[] buffer = new byte[8192];
    try (InputStream in = socket.getInputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        synchronized (bytes) {
          bytes.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      // the peer or close() ended the connection; what arrived is recorded
    }
  }

  private void receiveLoop() {
    byte[] buffer = new byte[MAX_DATAGRAM];
    while (!udp.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
        datagrams.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    tcp.close();
    udp.close();
    for (Socket socket : accepted) {
      socket.close();
    }
  }
}
