package outpost.alerts.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code tcp} kind: connect to {@code host:port} within the timeout, optionally send a string
 * and expect one in the reply, with thresholds on the connect time. Output in the style of {@code
 * check_tcp}: {@code TCP OK - 0.001 second response time on 10.0.0.7 port 22 |time=0.001s;;;0}.
 * Thread-safe: immutable; each run has its own socket.
 */
final class TcpCheck implements Check {
  static final Set<String> PARAMS =
      Set.of("host", "port", "send", "expect", "timeout", "warning", "critical");

  /** Reply bytes read while waiting for {@code expect}. */
  static final int MAX_REPLY_BYTES = 64 * 1024;

  private final String host;
  private final int port;
  private final String send;
  private final String expect;
  private final Duration timeout;
  private final Optional<NagiosRange> warning;
  private final Optional<NagiosRange> critical;
  private final InstantSource clock;

  TcpCheck(Params p, InstantSource clock) {
    this.host = p.string("host", "$HOSTADDRESS$").strip();
    if (!p.has("port")) {
      throw new CheckConfigException("port", "is required for kind tcp");
    }
    this.port = p.integer("port", 0, 1, 65535);
    this.send = p.string("send").orElse(null);
    this.expect = p.string("expect").orElse(null);
    this.timeout = p.duration("timeout", Duration.ofSeconds(10));
    this.warning = p.range("warning");
    this.critical = p.range("critical");
    this.clock = clock;
  }

  @Override
  public String kind() {
    return "tcp";
  }

  @Override
  public CheckResult run() {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), millis(timeout.toNanos()));
      double connectSeconds = (System.nanoTime() - start) / 1e9;
      String where = " on " + host + " port " + port;
      if (send != null) {
        socket.getOutputStream().write(send.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
      }
      if (expect != null) {
        String reply = readUntil(socket, expect, deadline);
        if (!reply.contains(expect)) {
          return Results.result(
              clock,
              start,
              Status.CRITICAL,
              "TCP CRITICAL - unexpected response"
                  + where
                  + ": \""
                  + Results.printable(reply, 80)
                  + "\"");
        }
      }
      Status status = Results.threshold(connectSeconds, warning, critical);
      PerfValue time =
          Results.perf(
              "time",
              Math.round(connectSeconds * 1000) / 1000.0,
              "s",
              warning,
              critical,
              0.0,
              null);
      return Results.result(
          clock,
          start,
          status,
          "TCP "
              + status
              + " - "
              + Results.seconds(connectSeconds)
              + " second response time"
              + where,
          "",
          List.of(time));
    } catch (SocketTimeoutException e) {
      return Results.result(
          clock,
          start,
          Status.CRITICAL,
          "timed out after " + Durations.format(timeout) + " (" + host + ":" + port + ")");
    } catch (ConnectException e) {
      String m = Results.message(e).toLowerCase(java.util.Locale.ROOT);
      String what =
          m.contains("refused") ? "connection refused" : "cannot connect: " + Results.message(e);
      return Results.result(clock, start, Status.CRITICAL, what + " (" + host + ":" + port + ")");
    } catch (UnknownHostException e) {
      return Results.result(clock, start, Status.CRITICAL, "cannot resolve host " + host);
    } catch (IOException e) {
      return Results.result(
          clock,
          start,
          Status.CRITICAL,
          "TCP CRITICAL - " + Results.message(e) + " (" + host + ":" + port + ")");
    }
  }

  private static int millis(long nanos) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000));
  }

  /** Reads until the reply contains {@code expect}, the peer closes, the cap or the deadline. */
  private static String readUntil(Socket socket, String expect, long deadline) throws IOException {
    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[4096];
    while (reply.size() < MAX_REPLY_BYTES) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new SocketTimeoutException("deadline");
      }
      socket.setSoTimeout(millis(left));
      int n = in.read(buf, 0, Math.min(buf.length, MAX_REPLY_BYTES - reply.size()));
      if (n < 0) {
        break;
      }
      reply.write(buf, 0, n);
      if (reply.toString(StandardCharsets.UTF_8).contains(expect)) {
        break;
      }
    }
    return reply.toString(StandardCharsets.UTF_8);
  }
}
