package outpost.ingest.transport.relp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal blocking RELP client for tests: numbers its frames from 1, as librelp does, and reads
 * responses. Not thread-safe; close it.
 */
final class RelpTestClient implements AutoCloseable {
  /** One response frame. */
  record Response(int txnr, String command, String data) {}

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private int txnr = 1;

  RelpTestClient(int port) throws IOException {
    this(new Socket(InetAddress.getLoopbackAddress(), port));
  }

  /** Speaks RELP over {@code connected} (e.g. a TLS socket after its handshake); closes it. */
  RelpTestClient(Socket connected) throws IOException {
    socket = connected;
    socket.setSoTimeout(10_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream());
  }

  /** Sends {@code open} offering the syslog command. */
  void open() throws IOException {
    send("open", "relp_version=0\nrelp_software=outpost-test\ncommands=syslog");
  }

  /** Sends one frame with the next transaction number; returns that number. */
  int send(String command, String data) throws IOException {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    String header = txnr + " " + command + " " + bytes.length + (bytes.length > 0 ? " " : "");
    out.write(header.getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.write('\n');
    out.flush();
    int sent = txnr;
    txnr = RelpWire.next(txnr);
    return sent;
  }

  /** Reads the next frame from the server. */
  Response read() throws IOException {
    int number = Integer.parseInt(token());
    String command = token();
    int length = 0;
    int b;
    while ((b = in.read()) >= '0' && b <= '9') {
      length = length * 10 + (b - '0');
    }
    if (b == '\n' && length == 0) {
      return new Response(number, command, "");
    }
    if (b != ' ') {
      throw new IOException("bad data length in response " + number);
    }
    byte[] data = in.readNBytes(length);
    if (in.read() != '\n') {
      throw new IOException("response " + number + " without trailer");
    }
    return new Response(number, command, new String(data, StandardCharsets.UTF_8));
  }

  private String token() throws IOException {
    StringBuilder s = new StringBuilder();
    for (int b; (b = in.read()) != ' '; ) {
      if (b < 0) {
        throw new IOException("connection closed after '" + s + "'");
      }
      s.append((char) b);
    }
    return s.toString();
  }

  /**
   * Waits for the server to close or fail the connection: true once a read ends or fails (within
   * the socket timeout), false when data arrives instead.
   */
  boolean closedByServer() {
    try {
      return in.read() < 0;
    } catch (java.net.SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
