package outpost.bench.relp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;

/**
 * One RELP sender as librelp behaves: {@code open}, then {@code syslog} frames with at most {@code
 * window} unacknowledged, then {@code close}. A reader thread counts the {@code rsp} frames and
 * frees window slots. Not thread-safe apart from that split; one instance per connection.
 */
final class RelpLoadConnection implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final Semaphore window;
  private final Thread reader;
  private volatile long acked;
  private volatile IOException failure;
  private int txnr = 1;

  RelpLoadConnection(int port, int window) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.window = new Semaphore(window);
    send("open", "relp_version=0\nrelp_software=outpost-bench\ncommands=syslog".getBytes());
    out.flush();
    readFrame(); // the open response
    reader = new Thread(this::readAcks, "relp-bench-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Sends {@code messages}, blocking while the window is full; flushes when it must wait. */
  void sendAll(byte[][] messages, int count) throws IOException, InterruptedException {
    for (int i = 0; i < count; i++) {
      if (!window.tryAcquire()) {
        out.flush();
        window.acquire();
      }
      if (failure != null) {
        throw failure;
      }
      send("syslog", messages[i % messages.length]);
    }
    out.flush();
  }

  /** Acknowledgements received so far. */
  long acked() {
    return acked;
  }

  private void send(String command, byte[] data) throws IOException {
    out.write((txnr + " " + command + " " + data.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    out.write('\n');
    txnr = txnr == 999_999_999 ? 1 : txnr + 1;
  }

  private void readAcks() {
    try {
      while (true) {
        readFrame();
        acked++;
        window.release();
      }
    } catch (IOException e) {
      failure = e;
      window.release(Integer.MAX_VALUE / 2);
    }
  }

  /** Reads one {@code TXNR rsp LEN [DATA] LF} frame; throws at end of stream. */
  private void readFrame() throws IOException {
    skipToken();
    skipToken();
    int length = 0;
    int b;
    while ((b = in.read()) >= '0' && b <= '9') {
      length = length * 10 + (b - '0');
    }
    if (b == '\n') {
      return;
    }
    if (b != ' ') {
      throw new IOException("bad response frame");
    }
    in.skipNBytes(length + 1L);
  }

  private void skipToken() throws IOException {
    for (int b; (b = in.read()) != ' '; ) {
      if (b < 0) {
        throw new IOException("server closed the connection");
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
