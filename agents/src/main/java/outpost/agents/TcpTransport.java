package outpost.agents;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Syslog over TCP with octet counting (RFC 6587 3.4.1), optionally in TLS (RFC 5425). Before each
 * write it checks whether the server closed the connection, so lines are not written into a
 * connection that is already gone. Not thread-safe.
 */
final class TcpTransport implements Transport {
  static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int BUFFER_BYTES = 64 * 1024;

  private final String host;
  private final int port;
  private final SSLSocketFactory tls;
  private volatile Socket socket;
  private InputStream in;
  private OutputStream out;

  /** {@code tls} null: plain TCP. */
  TcpTransport(String host, int port, SSLSocketFactory tls) {
    this.host = host;
    this.port = port;
    this.tls = tls;
  }

  @Override
  public void connect() throws IOException {
    if (socket != null) {
      return;
    }
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.setKeepAlive(true);
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      if (tls != null) {
        SSLSocket ssl = (SSLSocket) tls.createSocket(s, host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
        ssl.startHandshake();
        s = ssl;
      }
      s.setSoTimeout(1);
      in = s.getInputStream();
      out = new BufferedOutputStream(s.getOutputStream(), BUFFER_BYTES);
      socket = s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
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
    checkOpenByPeer();
    for (byte[] m : messages) {
      out.write(Integer.toString(m.length).getBytes(StandardCharsets.US_ASCII)); // RFC 6587 3.4.1
      out.write(' ');
      out.write(m);
    }
    out.flush();
  }

  /**
   * A syslog server never sends; readable end of stream means it closed the connection, and bytes
   * written now would be lost with its reset. Waits at most 1 ms (the socket's read timeout).
   */
  private void checkOpenByPeer() throws IOException {
    try {
      if (in.read() == -1) {
        throw new IOException("server " + describe() + " closed the connection");
      }
    } catch (SocketTimeoutException e) {
      // nothing to read: still open
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        System.err.println("outpost-agent: closing the connection to " + describe() + ": " + e);
      }
      socket = null;
      in = null;
      out = null;
    }
  }

  @Override
  public void abort() {
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        System.err.println("outpost-agent: aborting the connection to " + describe() + ": " + e);
      }
    }
  }

  @Override
  public String describe() {
    return (tls == null ? "tcp://" : "tls://") + host + ":" + port;
  }
}
