package outpost.server.peers;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import outpost.server.peers.PeerPrograms.SyslogNgInstallation;

/**
 * A real syslog-ng forwarding everything it receives on a TCP input to one destination, started in
 * the foreground as a child process with a private config, persist file, pid file and control
 * socket in {@code dir}; no system source is configured and nothing outside {@code dir} is touched.
 * The test feeds it with {@link #send(String...)}. Not thread-safe; close it (it kills syslog-ng)
 * when done.
 */
public final class SyslogNgPeer implements AutoCloseable {
  private static final long START_TIMEOUT_SECONDS = 15;

  /** The syslog-ng destination driver used to forward. */
  public enum Forward {
    /** {@code syslog()} driver over TCP: RFC 5424 with octet-counted framing (RFC 6587). */
    SYSLOG_DRIVER_TCP("syslog", "tcp"),
    /** {@code syslog()} driver over UDP: RFC 5424, one message per datagram (RFC 5426). */
    SYSLOG_DRIVER_UDP("syslog", "udp"),
    /** {@code network()} driver over UDP: BSD (RFC 3164) format. */
    NETWORK_DRIVER_UDP("network", "udp"),
    /** {@code network()} driver over TCP: BSD (RFC 3164) format, LF-terminated. */
    NETWORK_DRIVER_TCP("network", "tcp");

    private final String driver;
    private final String transport;

    Forward(String driver, String transport) {
      this.driver = driver;
      this.transport = transport;
    }

    /** Whether this forwards over TCP (else UDP). */
    public boolean overTcp() {
      return transport.equals("tcp");
    }
  }

  private final Path dir;
  private final PeerProcess process;
  private final int inputPort;

  private SyslogNgPeer(Path dir, PeerProcess process, int inputPort) {
    this.dir = dir;
    this.process = process;
    this.inputPort = inputPort;
  }

  /**
   * Starts syslog-ng forwarding to {@code 127.0.0.1:targetPort} with {@code forward}'s driver and
   * waits until its input accepts connections.
   */
  public static SyslogNgPeer start(Path dir, Forward forward, int targetPort) throws IOException {
    SyslogNgInstallation installation = PeerPrograms.syslogNg();
    // syslog-ng cannot report a port it bound to port 0; take one that was free just now.
    int inputPort = FreePort.find();
    Path config = dir.resolve("syslog-ng.conf");
    Files.writeString(config, config(forward, targetPort, inputPort));

    List<String> command = new ArrayList<>();
    command.add(installation.binary().toString());
    installation.moduleDir().ifPresent(m -> command.add("--module-path=" + m));
    command.addAll(
        List.of(
            "--foreground",
            "--stderr",
            "--no-caps",
            "--cfgfile=" + config,
            "--persist-file=" + dir.resolve("syslog-ng.persist"),
            "--pidfile=" + dir.resolve("syslog-ng.pid"),
            "--control=" + dir.resolve("syslog-ng.ctl")));
    Map<String, String> env =
        installation
            .libraryDir()
            .map(lib -> Map.of("LD_LIBRARY_PATH", lib.toString()))
            .orElse(Map.of());
    PeerProcess process = PeerProcess.start("syslog-ng", command, dir, env);
    try {
      await("syslog-ng's input on 127.0.0.1:" + inputPort)
          .atMost(START_TIMEOUT_SECONDS, SECONDS)
          .pollInterval(50, MILLISECONDS)
          .until(
              () -> {
                process.assertAlive();
                return TcpLines.accepts(inputPort);
              });
      return new SyslogNgPeer(dir, process, inputPort);
    } catch (RuntimeException | AssertionError e) {
      String diagnostics = diagnostics(dir, process);
      process.close();
      throw new AssertionError(
          "syslog-ng did not start: " + e.getMessage() + "\n" + diagnostics, e);
    }
  }

  private static String config(Forward forward, int targetPort, int inputPort) {
    // keep_hostname: forward the HOSTNAME of each fed message rather than the sender's address.
    // time_reopen(1): reconnect within a second should the server close the connection.
    return """
        @version: 3.38
        options { keep_hostname(yes); time_reopen(1); stats_freq(0); };
        source s_test { network(ip("127.0.0.1") port(%d) transport("tcp")); };
        destination d_outpost { %s("127.0.0.1" port(%d) transport("%s")); };
        log { source(s_test); destination(d_outpost); };
        """
        .formatted(inputPort, forward.driver, targetPort, forward.transport);
  }

  /** The port of syslog-ng's TCP input on 127.0.0.1. */
  public int inputPort() {
    return inputPort;
  }

  /** Sends {@code lines} (RFC 3164 messages without LF) to syslog-ng's {@code network()} input. */
  public void send(String... lines) {
    process.assertAlive();
    TcpLines.send(inputPort, lines);
  }

  /** The config and syslog-ng's output: for failure messages. */
  public String diagnostics() {
    return diagnostics(dir, process);
  }

  private static String diagnostics(Path dir, PeerProcess process) {
    Path config = dir.resolve("syslog-ng.conf");
    try {
      return "--- syslog-ng.conf\n"
          + Files.readString(config, StandardCharsets.UTF_8)
          + "--- syslog-ng output\n"
          + process.output();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + config, e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
