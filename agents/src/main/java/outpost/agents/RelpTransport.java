package outpost.agents;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Syslog over RELP (the protocol of rsyslog's {@code omrelp}), optionally in TLS: every message is
 * a {@code syslog} frame {@code TXNR SP syslog SP DATALEN SP DATA LF} and counts as delivered only
 * when the server answers {@code rsp} with {@code 200} (Outpost does so after its journal fsync).
 * Up to {@link #WINDOW} frames are in flight; {@link #send} returns when all are answered. A {@code
 * 500} answer means the server did not store the message: it is counted in {@code rejected} and
 * logged, not resent. Not thread-safe.
 */
final class RelpTransport implements Transport {
  /** Most frames sent and not yet answered. */
  static final int WINDOW = 128;

  /** The highest transaction number; the next one is 1 (RELP spec). */
  static final int MAX_TXNR = 999_999_999;

  /** How long an answer may take before the connection counts as broken. */
  static final int ANSWER_TIMEOUT_MILLIS = 30_000;

  /** How long {@link #close} waits for the answer to {@code close}. */
  static final int CLOSE_WAIT_MILLIS = 2_000;

  private static final int BUFFER_BYTES = 64 * 1024;
  private static final int MAX_ANSWER_BYTES = 64 * 1024;
  private static final byte[] OFFERS =
      "relp_version=0\nrelp_software=outpost-agent\ncommands=syslog"
          .getBytes(StandardCharsets.US_ASCII);

  /**
   * {@link #send} failed after the server answered the first {@code answered} messages (each
   * stored, or refused with 500 and counted); the others are unacknowledged.
   */
  static final class PartlySentException extends IOException {
    private final int answered;

    PartlySentException(int answered, IOException cause) {
      super(cause.getMessage() + " (" + answered + " messages answered before)", cause);
      this.answered = answered;
    }

    int answered() {
      return answered;
    }
  }

  private final String host;
  private final int port;
  private final SSLSocketFactory tls;
  private final AtomicLong rejected;
  private volatile Socket socket;
  private InputStream in;
  private OutputStream out;
  private int nextTxnr;
  private boolean broken;

  /**
   * {@code tls} null: plain TCP. {@code rejected} counts the messages the server answered with an
   * error.
   */
  RelpTransport(String host, int port, SSLSocketFactory tls, AtomicLong rejected) {
    this.host = host;
    this.port = port;
    this.tls = tls;
    this.rejected = rejected;
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
      s.connect(new InetSocketAddress(host, port), TcpTransport.CONNECT_TIMEOUT_MILLIS);
      if (tls != null) {
        SSLSocket ssl = (SSLSocket) tls.createSocket(s, host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(TcpTransport.CONNECT_TIMEOUT_MILLIS);
        ssl.startHandshake();
        s = ssl;
      }
      s.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
      in = new BufferedInputStream(s.getInputStream(), BUFFER_BYTES);
      out = new BufferedOutputStream(s.getOutputStream(), BUFFER_BYTES);
      nextTxnr = 1;
      broken = false;
      writeFrame("open", OFFERS);
      out.flush();
      String answer = readAnswer(1);
      if (!answer.startsWith("200")) {
        throw new IOException(
            "server " + describe() + " refused the RELP session: " + firstLine(answer));
      }
      socket = s;
    } catch (IOException | RuntimeException e) {
      s.close();
      in = null;
      out = null;
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
    int[] txnrs = new int[messages.size()];
    int written = 0;
    int answered = 0;
    try {
      while (answered < messages.size()) {
        while (written < messages.size() && written - answered < WINDOW) {
          txnrs[written] = writeFrame("syslog", messages.get(written));
          written++;
        }
        out.flush();
        accept(readAnswer(txnrs[answered]));
        answered++;
      }
    } catch (IOException e) {
      broken = true;
      answered += drainAnswers(txnrs, answered, written);
      throw new PartlySentException(answered, e);
    }
  }

  /**
   * After a failed write, reads the answers the server sent before it went away (they are still in
   * the receive buffer), so the messages they acknowledge are not sent again. Returns how many.
   */
  private int drainAnswers(int[] txnrs, int answered, int written) {
    int n = 0;
    try {
      socket.setSoTimeout(CLOSE_WAIT_MILLIS);
      while (answered + n < written) {
        accept(readAnswer(txnrs[answered + n]));
        n++;
      }
    } catch (IOException | RuntimeException e) {
      // no more answers
    }
    return n;
  }

  /** Counts and logs an answer other than 200: the server did not store the message. */
  private void accept(String answer) {
    if (!answer.startsWith("200")) {
      long n = rejected.incrementAndGet();
      if (n == 1 || n % 1_000 == 0) {
        System.err.println(
            "outpost-agent: "
                + describe()
                + " did not store a message ("
                + n
                + " so far): "
                + firstLine(answer));
      }
    }
  }

  /** The transaction number after {@code txnr}: {@link #MAX_TXNR} wraps to 1. */
  static int next(int txnr) {
    return txnr >= MAX_TXNR ? 1 : txnr + 1;
  }

  /** Writes one frame (not flushed) and returns its transaction number. */
  private int writeFrame(String command, byte[] data) throws IOException {
    int txnr = nextTxnr;
    nextTxnr = next(txnr);
    out.write(
        (txnr + " " + command + " " + data.length + (data.length > 0 ? " " : ""))
            .getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    out.write('\n');
    return txnr;
  }

  /**
   * Reads one {@code TXNR rsp DATALEN [SP DATA] LF} answering {@code txnr} (the server answers in
   * order) and returns its data.
   */
  private String readAnswer(int txnr) throws IOException {
    int got = readNumber(' ');
    String command = readToken();
    if (got == 0 && command.equals("serverclose")) {
      throw new IOException("server " + describe() + " closed the RELP session");
    }
    if (!command.equals("rsp")) {
      throw new IOException(
          "server " + describe() + " sent '" + command + "' where an rsp was expected");
    }
    if (got != txnr) {
      throw new IOException(
          "server " + describe() + " answered transaction " + got + ", expected " + txnr);
    }
    int length = readNumber(-1);
    if (length > MAX_ANSWER_BYTES) {
      throw new IOException(
          "server " + describe() + " answer of " + length + " bytes exceeds " + MAX_ANSWER_BYTES);
    }
    byte[] data = new byte[length];
    if (length > 0) {
      if (in.readNBytes(data, 0, length) != length) {
        throw eof();
      }
    }
    int lf = in.read();
    if (lf == -1) {
      throw eof();
    }
    if (lf != '\n') {
      throw new IOException("server " + describe() + " sent a frame without its closing LF");
    }
    return new String(data, StandardCharsets.UTF_8);
  }

  /**
   * Reads digits up to a space (or, for {@code end} -1, up to a space that is consumed or an LF
   * that is left for the caller).
   */
  private int readNumber(int end) throws IOException {
    long value = 0;
    int digits = 0;
    while (true) {
      in.mark(1);
      int c = in.read();
      if (c == -1) {
        throw eof();
      }
      if (c >= '0' && c <= '9' && digits < 10) {
        value = value * 10 + (c - '0');
        digits++;
      } else if (digits > 0 && c == ' ') {
        return (int) Math.min(value, Integer.MAX_VALUE);
      } else if (digits > 0 && end == -1 && c == '\n') {
        in.reset(); // no data part: the LF ends the frame
        return (int) Math.min(value, Integer.MAX_VALUE);
      } else {
        throw new IOException("server " + describe() + " sent a malformed RELP frame");
      }
    }
  }

  private String readToken() throws IOException {
    ByteArrayOutputStream token = new ByteArrayOutputStream();
    while (true) {
      int c = in.read();
      if (c == -1) {
        throw eof();
      }
      if (c == ' ' && token.size() > 0) {
        return token.toString(StandardCharsets.US_ASCII);
      }
      if (c < 'a' || c > 'z' || token.size() >= 32) {
        throw new IOException("server " + describe() + " sent a malformed RELP command");
      }
      token.write(c);
    }
  }

  private IOException eof() {
    return new IOException("server " + describe() + " closed the connection");
  }

  private static String firstLine(String answer) {
    int lf = answer.indexOf('\n');
    return lf < 0 ? answer : answer.substring(0, lf);
  }

  /**
   * Sends {@code close} and waits at most {@link #CLOSE_WAIT_MILLIS} for its answer (all earlier
   * frames were answered when {@link #send} returned), then closes the connection.
   */
  @Override
  public void close() {
    Socket s = socket;
    if (s == null) {
      return;
    }
    if (!broken) {
      try {
        s.setSoTimeout(CLOSE_WAIT_MILLIS);
        int txnr = writeFrame("close", new byte[0]);
        out.flush();
        readAnswer(txnr);
      } catch (SocketTimeoutException e) {
        System.err.println("outpost-agent: " + describe() + " did not answer close");
      } catch (IOException e) {
        // the server went away first: nothing was outstanding
      }
    }
    try {
      s.close();
    } catch (IOException e) {
      System.err.println("outpost-agent: closing the connection to " + describe() + ": " + e);
    }
    socket = null;
    in = null;
    out = null;
  }

  @Override
  public void abort() {
    Socket s = socket;
    if (s != null) {
      broken = true;
      try {
        s.close();
      } catch (IOException e) {
        System.err.println("outpost-agent: aborting the connection to " + describe() + ": " + e);
      }
    }
  }

  @Override
  public String describe() {
    return (tls == null ? "relp://" : "relp+tls://") + host + ":" + port;
  }
}
