package outpost.server.tls;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import outpost.ingest.transport.tls.TestPki;
import outpost.server.peers.PeerProcess;
import outpost.server.peers.PeerPrograms;
import outpost.server.peers.PeerPrograms.SyslogNgInstallation;

/**
 * A real rsyslogd (gtls netstream driver) or syslog-ng ({@code tls()}) forwarding what it receives
 * on a plain TCP input on 127.0.0.1 to Outpost's TLS port with a client certificate, each with a
 * private config in its own directory. Not thread-safe; close it (it ends the process) when done.
 */
final class TlsPeer implements AutoCloseable {
  private static final long START_TIMEOUT_SECONDS = 15;

  private final Path dir;
  private final String configName;
  private final PeerProcess process;
  private final int inputPort;

  private TlsPeer(Path dir, String configName, PeerProcess process, int inputPort) {
    this.dir = dir;
    this.configName = configName;
    this.process = process;
    this.inputPort = inputPort;
  }

  /** rsyslogd with omfwd over gtls, RFC 5424, octet-counted, verifying Outpost's certificate. */
  static TlsPeer rsyslog(Path dir, int tlsPort, Path ca, TestPki.Leaf client) throws IOException {
    Path portFile = dir.resolve("input.port");
    Path config = dir.resolve("rsyslog.conf");
    Files.writeString(
        config,
        """
        global(workDirectory="%s"
               DefaultNetstreamDriverCAFile="%s"
               DefaultNetstreamDriverCertFile="%s"
               DefaultNetstreamDriverKeyFile="%s")
        module(load="imtcp")
        input(type="imtcp" address="127.0.0.1" port="0" listenPortFileName="%s" ruleset="fwd")
        ruleset(name="fwd") {
          action(type="omfwd" target="127.0.0.1" port="%d" protocol="tcp"
                 StreamDriver="gtls" StreamDriverMode="1" StreamDriverAuthMode="x509/certvalid"
                 TCP_Framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format"
                 action.resumeRetryCount="-1" action.resumeInterval="1")
        }
        *.* action(type="omfile" file="%s")
        """
            .formatted(
                Files.createDirectories(dir.resolve("work")),
                ca,
                client.certificate(),
                client.key(),
                portFile,
                tlsPort,
                dir.resolve("internal.log")));
    PeerProcess process =
        PeerProcess.start(
            "rsyslogd",
            List.of(
                PeerPrograms.rsyslogd().toString(),
                "-n",
                "-f",
                config.toString(),
                "-i",
                dir.resolve("rsyslogd.pid").toString()),
            dir,
            Map.of());
    TlsPeer peer = null;
    try {
      await("rsyslogd's input port")
          .atMost(START_TIMEOUT_SECONDS, SECONDS)
          .pollInterval(50, MILLISECONDS)
          .until(
              () -> {
                process.assertAlive();
                return Files.exists(portFile) && !Files.readString(portFile).isBlank();
              });
      peer =
          new TlsPeer(
              dir, "rsyslog.conf", process, Integer.parseInt(Files.readString(portFile).strip()));
      return peer;
    } finally {
      if (peer == null) {
        process.close();
      }
    }
  }

  /** syslog-ng with its syslog() driver over TLS (RFC 5425), verifying Outpost's certificate. */
  static TlsPeer syslogNg(Path dir, int tlsPort, Path ca, TestPki.Leaf client) throws IOException {
    SyslogNgInstallation installation = PeerPrograms.syslogNg();
    int inputPort = freePort();
    Path config = dir.resolve("syslog-ng.conf");
    Files.writeString(
        config,
        """
        @version: 3.38
        options { keep_hostname(yes); time_reopen(1); stats_freq(0); };
        source s_in { network(ip("127.0.0.1") port(%d) transport("tcp")); };
        destination d_outpost {
          syslog("127.0.0.1" port(%d) transport("tls")
                 tls(ca-file("%s") cert-file("%s") key-file("%s")
                     peer-verify(required-trusted)));
        };
        log { source(s_in); destination(d_outpost); };
        """
            .formatted(inputPort, tlsPort, ca, client.certificate(), client.key()));
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
    TlsPeer peer = null;
    try {
      await("syslog-ng's input on 127.0.0.1:" + inputPort)
          .atMost(START_TIMEOUT_SECONDS, SECONDS)
          .pollInterval(50, MILLISECONDS)
          .until(
              () -> {
                process.assertAlive();
                return accepts(inputPort);
              });
      peer = new TlsPeer(dir, "syslog-ng.conf", process, inputPort);
      return peer;
    } finally {
      if (peer == null) {
        process.close();
      }
    }
  }

  /** Feeds LF-terminated lines to the peer's plain TCP input. */
  void send(String... lines) {
    process.assertAlive();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), inputPort)) {
      OutputStream out = socket.getOutputStream();
      for (String line : lines) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("feeding 127.0.0.1:" + inputPort, e);
    }
  }

  /** The config and the peer's output, for failure messages. */
  String diagnostics() {
    StringBuilder text = new StringBuilder();
    for (String name : List.of(configName, "internal.log")) {
      Path file = dir.resolve(name);
      try {
        if (Files.exists(file)) {
          text.append("--- ").append(name).append('\n').append(Files.readString(file));
        }
      } catch (IOException e) {
        text.append("(cannot read ").append(file).append(": ").append(e).append(")\n");
      }
    }
    return text.append("--- output\n").append(process.output()).toString();
  }

  private static int freePort() throws IOException {
    // syslog-ng cannot report a port it bound to port 0; take one that was free just now
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean accepts(int port) {
    try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
