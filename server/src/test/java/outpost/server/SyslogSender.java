package outpost.server;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A plain-socket syslog client for tests: RFC 5424 messages over TCP with RFC 6587 framing
 * (octet-counting or LF-terminated), plus raw bytes for hostile input. Not thread-safe: one per
 * sending thread. Close it to flush and end the connection.
 */
final class SyslogSender implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final boolean octetCounting;

  SyslogSender(int port, boolean octetCounting) throws IOException {
    this.socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    this.octetCounting = octetCounting;
  }

  /**
   * An RFC 5424 message (local0.info) stamped now, from {@code host}/{@code app}, with {@code
   * message} as MSG.
   */
  static String rfc5424(String host, String app, String message) {
    return "<134>1 " + Instant.now() + " " + host + " " + app + " - - - " + message;
  }

  /** Sends one message with this sender's framing. */
  void send(String message) throws IOException {
    sendFrame(message.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one frame of arbitrary bytes with this sender's framing. */
  void sendFrame(byte[] frame) throws IOException {
    if (octetCounting) {
      out.write((frame.length + " ").getBytes(StandardCharsets.US_ASCII));
      out.write(frame);
    } else {
      out.write(frame);
      out.write('\n');
    }
  }

  /** Sends bytes exactly as given, no framing. */
  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
  }

  void flush() throws IOException {
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
