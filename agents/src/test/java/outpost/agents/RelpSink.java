package outpost.agents;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.net.ServerSocketFactory;

/**
 * A RELP server for tests on 127.0.0.1, port 0: parses {@code TXNR SP COMMAND SP DATALEN [SP DATA]
 * LF} frames, checks the transaction numbers, answers {@code open}, {@code syslog} and {@code
 * close}. Scriptable: a connection can be dropped after N {@code syslog} frames with the last ones
 * unanswered, and messages can be refused with {@code 500}. Thread-safe.
 */
final class RelpSink implements AutoCloseable {
  /**
   * What to do on one connection: answer its first {@code answered} syslog frames, then close it as
   * soon as the next one is read, unanswered.
   */
  record Drop(int answered) {}

  private final ServerSocket server;
  private final List<String> stored = new CopyOnWriteArrayList<>();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<String> unanswered = new CopyOnWriteArrayList<>();
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Drop> drops = new ConcurrentLinkedQueue<>();
  private volatile Predicate<String> refuse = body -> false;
  private final Thread acceptor;

  private RelpSink(ServerSocketFactory factory) throws IOException {
    server = factory.createServerSocket();
    if (server instanceof javax.net.ssl.SSLServerSocket ssl) {
      ssl.setNeedClientAuth(true);
    }
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    acceptor = Thread.ofPlatform().daemon().name("relp-sink").start(this::accept);
  }

  static RelpSink start() throws IOException {
    return new RelpSink(ServerSocketFactory.getDefault());
  }

  /** RELP over TLS, requiring a client certificate. */
  static RelpSink startTls(javax.net.ssl.SSLContext context) throws IOException {
    return new RelpSink(context.getServerSocketFactory());
  }

  int port() {
    return server.getLocalPort();
  }

  /** The next connections, one script each in order, are dropped as {@code drop} says. */
  void dropNext(Drop drop) {
    drops.add(drop);
  }

  /** Messages whose body matches are answered {@code 500} and not stored. */
  void refuse(Predicate<String> bodies) {
    refuse = bodies;
  }

  /** Bodies answered with 200, in order. */
  List<String> stored() {
    return new ArrayList<>(stored);
  }

  /** Bodies of every syslog frame read, answered or not, in order. */
  List<String> received() {
    return new ArrayList<>(received);
  }

  /** Bodies read and left unanswered because the connection was dropped. */
  List<String> unanswered() {
    return new ArrayList<>(unanswered);
  }

  /** Every command read (open, syslog, close), in order. */
  List<String> commands() {
    return new ArrayList<>(commands);
  }

  /** Protocol errors seen (bad transaction numbers, malformed frames). */
  List<String> errors() {
    return new ArrayList<>(errors);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        clients.add(s);
        Drop drop = drops.poll();
        Thread.ofPlatform().daemon().name("relp-sink-conn").start(() -> serve(s, drop));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s, Drop drop) {
    try (s) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      int expected = 1;
      int syslogFrames = 0;
      while (true) {
        String txnrText = token(in);
        if (txnrText == null) {
          return;
        }
        int txnr = Integer.parseInt(txnrText);
        String command = token(in);
        String lengthText = token(in);
        int length = Integer.parseInt(lengthText);
        byte[] data = in.readNBytes(length);
        int lf = in.read();
        if (lf != '\n') {
          errors.add("frame " + txnr + " not closed by LF but " + lf);
          return;
        }
        if (txnr != expected) {
          errors.add("transaction " + txnr + ", expected " + expected);
        }
        expected = txnr >= 999_999_999 ? 1 : txnr + 1;
        commands.add(command);
        switch (command) {
          case "open" -> {
            String offers = new String(data, StandardCharsets.US_ASCII);
            if (!offers.contains("commands=syslog")) {
              errors.add("open without syslog: " + offers);
            }
            answer(out, txnr, "200 OK\nrelp_version=0\nrelp_software=relp-sink\ncommands=syslog");
          }
          case "syslog" -> {
            String message = new String(data, StandardCharsets.UTF_8);
            String body = message.split(" ", 8)[7];
            received.add(body);
            syslogFrames++;
            if (drop != null && syslogFrames > drop.answered()) {
              unanswered.add(body);
              return; // dropped: this frame and what the client wrote after it stay unanswered
            } else if (refuse.test(body)) {
              answer(out, txnr, "500 refused by the test");
            } else {
              stored.add(body);
              answer(out, txnr, "200 OK");
            }
          }
          case "close" -> {
            answer(out, txnr, "");
            return;
          }
          default -> errors.add("unknown command " + command);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!server.isClosed()) {
        errors.add("connection failed: " + e);
      }
    }
  }

  /**
   * Reads up to a space (consumed) or an LF (left for the caller, only after DATALEN); null at end
   * of stream before any byte.
   */
  private String token(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (true) {
      in.mark(1);
      int c = in.read();
      if (c == -1) {
        if (b.size() == 0) {
          return null;
        }
        throw new IOException("end of stream inside a frame");
      }
      if (c == ' ') {
        return b.toString(StandardCharsets.US_ASCII);
      }
      if (c == '\n') {
        in.reset();
        return b.toString(StandardCharsets.US_ASCII);
      }
      b.write(c);
    }
  }

  private static void answer(OutputStream out, int txnr, String text) throws IOException {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.writeBytes(
        (txnr + " rsp " + data.length + (data.length > 0 ? " " : ""))
            .getBytes(StandardCharsets.US_ASCII));
    frame.writeBytes(data);
    frame.write('\n');
    out.write(frame.toByteArray());
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : clients) {
      s.close();
    }
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
