package outpost.server.ui;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Sends RFC 5424 messages to Outpost over TCP with RFC 6587 octet-counting framing. Not
 * thread-safe. Close it to flush and end the connection.
 */
final class SyslogTcp implements AutoCloseable {
  /** PRI of local0.info (16 * 8 + 6). */
  static final int LOCAL0_INFO = 134;

  /** PRI of local0.err (16 * 8 + 3). */
  static final int LOCAL0_ERR = 131;

  private final Socket socket;
  private final OutputStream out;

  SyslogTcp(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
  }

  /**
   * One RFC 5424 message: {@code <PRI>1 TIMESTAMP HOST APP - - - MSG}; host and app must not
   * contain spaces (RFC 5424 section 6.2: PRINTUSASCII).
   */
  static String rfc5424(Instant time, int pri, String host, String app, String message) {
    return "<"
        + pri
        + ">1 "
        + time.truncatedTo(ChronoUnit.MILLIS)
        + " "
        + host
        + " "
        + app
        + " - - - "
        + message;
  }

  /** Sends {@code messages}, each as one octet-counted frame, and flushes. */
  void send(String... messages) throws IOException {
    for (String message : messages) {
      byte[] frame = message.getBytes(StandardCharsets.UTF_8);
      out.write((frame.length + " ").getBytes(StandardCharsets.US_ASCII));
      out.write(frame);
    }
    out.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      out.flush();
    } finally {
      socket.close();
    }
  }
}
