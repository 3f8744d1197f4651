package outpost.server.peers;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real rsyslogd forwarding everything it receives on a TCP input to one destination, started in
 * the foreground as a child process with a private config, work directory and pid file in {@code
 * dir}; no system input (imuxsock, imklog) is loaded and nothing outside {@code dir} is touched.
 * The test feeds it with {@link #send(String...)}. Not thread-safe; close it (it kills rsyslogd)
 * when done.
 */
public final class RsyslogPeer implements AutoCloseable {
  private static final long START_TIMEOUT_SECONDS = 15;

  /** How rsyslog forwards to the destination. */
  public enum Forward {
    /** omfwd over TCP, RFC 5424 ({@code RSYSLOG_SyslogProtocol23Format}), octet-counted framing. */
    TCP_RFC5424_OCTET_COUNTED(
        "tcp", "TCP_Framing=\"octet-counted\"", "RSYSLOG_SyslogProtocol23Format"),
    /** omfwd over UDP, RFC 5424 ({@code RSYSLOG_SyslogProtocol23Format}). */
    UDP_RFC5424("udp", "", "RSYSLOG_SyslogProtocol23Format"),
    /** omfwd over UDP in rsyslog's default forwarding format, RFC 3164 style. */
    UDP_RFC3164("udp", "", "RSYSLOG_TraditionalForwardFormat");

    private final String protocol;
    private final String framing;
    private final String template;

    Forward(String protocol, String framing, String template) {
      this.protocol = protocol;
      this.framing = framing;
      this.template = template;
    }

    /** Whether this forwards over TCP (else UDP). */
    public boolean overTcp() {
      return protocol.equals("tcp");
    }
  }

  private final Path dir;
  private final PeerProcess process;
  private final int inputPort;

  private RsyslogPeer(Path dir, PeerProcess process, int inputPort) {
    this.dir = dir;
    this.process = process;
    this.inputPort = inputPort;
  }

  /**
   * Starts rsyslogd forwarding to {@code 127.0.0.1:targetPort} as {@code forward} says and waits
   * until its input listens.
   */
  public static RsyslogPeer start(Path dir, Forward forward, int targetPort) throws IOException {
    Path rsyslogd = PeerPrograms.rsyslogd();
    Path work = Files.createDirectories(dir.resolve("work"));
    Path portFile = dir.resolve("input.port");
    Path config = dir.resolve("rsyslog.conf");
    Files.writeString(
        config, config(forward, targetPort, work, portFile, dir.resolve("internal.log")));
    PeerProcess process =
        PeerProcess.start(
            "rsyslogd",
            List.of(
                rsyslogd.toString(),
                "-n",
                "-f",
                config.toString(),
                "-i",
                dir.resolve("rsyslogd.pid").toString()),
            dir,
            Map.of());
    try {
      // imtcp binds port 0 and writes the port it got to listenPortFileName once it listens.
      await("rsyslogd's input port in " + portFile)
          .atMost(START_TIMEOUT_SECONDS, SECONDS)
          .pollInterval(50, MILLISECONDS)
          .until(
              () -> {
                process.assertAlive();
                return Files.exists(portFile) && !Files.readString(portFile).isBlank();
              });
      int port = Integer.parseInt(Files.readString(portFile).strip());
      return new RsyslogPeer(dir, process, port);
    } catch (RuntimeException | AssertionError e) {
      String diagnostics = diagnostics(dir, process);
      process.close();
      throw new AssertionError("rsyslogd did not start: " + e.getMessage() + "\n" + diagnostics, e);
    }
  }

  private static String config(
      Forward forward, int targetPort, Path work, Path portFile, Path internalLog) {
    // The input is bound to its own ruleset so rsyslog's own messages (default ruleset) go to a
    // file for diagnostics instead of being forwarded to the server under test.
    return """
        global(workDirectory="%s")
        module(load="imtcp")
        input(type="imtcp" address="127.0.0.1" port="0" listenPortFileName="%s" ruleset="forward")
        ruleset(name="forward") {
          action(type="omfwd" target="127.0.0.1" port="%d" protocol="%s" %s template="%s"
                 action.resumeRetryCount="-1" action.resumeInterval="1")
        }
        *.* action(type="omfile" file="%s")
        """
        .formatted(
            work,
            portFile,
            targetPort,
            forward.protocol,
            forward.framing,
            forward.template,
            internalLog);
  }

  /** The port of rsyslog's TCP input on 127.0.0.1. */
  public int inputPort() {
    return inputPort;
  }

  /** Sends {@code lines} (syslog messages, RFC 3164 or 5424, without LF) to rsyslog's input. */
  public void send(String... lines) {
    process.assertAlive();
    TcpLines.send(inputPort, lines);
  }

  /** The config, rsyslogd's output and its internal messages: for failure messages. */
  public String diagnostics() {
    return diagnostics(dir, process);
  }

  private static String diagnostics(Path dir, PeerProcess process) {
    return "--- rsyslog.conf\n"
        + read(dir.resolve("rsyslog.conf"))
        + "--- rsyslogd output\n"
        + process.output()
        + "--- rsyslogd internal messages\n"
        + read(dir.resolve("internal.log"));
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)\n";
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
