package outpost.server.relp;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.ingest.transport.tls.TestPki;
import outpost.server.Outpost;
import outpost.server.OutpostConfig;
import outpost.server.peers.PeerProcess;
import outpost.server.peers.PeerPrograms;

/**
 * The whole server with RELP over TLS on port 0, client certificates required, certificates made by
 * openssl: a real rsyslogd forwards with {@code omrelp} and {@code tls="on"}, presenting its client
 * certificate and checking Outpost's ({@code tls.authMode="certvalid"}); every message is
 * searchable once, by its certificate's CN.
 */
class RsyslogRelpTlsTest {
  private static final int MESSAGES = 50;

  @TempDir Path dir;
  private Outpost outpost;
  private PeerProcess rsyslog;

  @AfterEach
  void stop() {
    if (rsyslog != null) {
      rsyslog.close();
    }
    if (outpost != null) {
      outpost.close();
    }
  }

  @Test
  void rsyslogForwardsOverRelpWithTlsAndItsClientCertificate() throws Exception {
    TestPki pki = new TestPki(Files.createDirectories(dir.resolve("pki")));
    TestPki.Ca ca = pki.ca("nodes-ca");
    TestPki.Leaf server = pki.server(ca, "outpost");
    outpost =
        Outpost.start(
            OutpostConfig.load(
                null,
                Map.ofEntries(
                    Map.entry("OUTPOST_DATA_DIR", dir.resolve("data").toString()),
                    Map.entry("OUTPOST_SYSLOG_BIND", "127.0.0.1"),
                    Map.entry("OUTPOST_SYSLOG_UDP_PORT", "-1"),
                    Map.entry("OUTPOST_SYSLOG_TCP_PORT", "-1"),
                    Map.entry("OUTPOST_SYSLOG_RELP_TLS_PORT", "0"),
                    Map.entry("OUTPOST_SYSLOG_TLS_CERTIFICATE", server.certificate().toString()),
                    Map.entry("OUTPOST_SYSLOG_TLS_PRIVATE_KEY", server.key().toString()),
                    Map.entry("OUTPOST_SYSLOG_TLS_CLIENT_CA", ca.certificate().toString()),
                    Map.entry("OUTPOST_SYSLOG_TIME_ZONE", ZoneId.systemDefault().getId()),
                    Map.entry("OUTPOST_WEB_BIND", "127.0.0.1"),
                    Map.entry("OUTPOST_WEB_PORT", "0"),
                    Map.entry("OUTPOST_ADMIN_PASSWORD", OutpostJvm.ADMIN_PASSWORD))));
    assertThat(outpost.relpPort()).isEqualTo(-1);
    assertThat(outpost.tlsPort()).isEqualTo(-1);
    Path peer = Files.createDirectories(dir.resolve("rsyslog"));
    int input = startRsyslog(peer, outpost.relpTlsPort(), ca, pki.client(ca, "relp-node"));

    String token = "tok" + UUID.randomUUID().toString().replace("-", "");
    // now, in the zone Outpost reads RFC 3164 timestamps in: the search looks at the last day
    String now =
        java.time.format.DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", java.util.Locale.ENGLISH)
            .format(java.time.ZonedDateTime.now(ZoneId.systemDefault()));
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), input)) {
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < MESSAGES; i++) {
        out.write(
            ("<165>" + now + " web-7 nginx[12]: upstream slow " + i + " " + token + "\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      out.flush();
    }

    SearchApi api = new SearchApi(outpost.webPort());
    try {
      await("every message searchable by the client certificate's CN")
          .atMost(60, SECONDS)
          .pollInterval(200, MILLISECONDS)
          .untilAsserted(
              () -> {
                rsyslog.assertAlive();
                assertThat(api.total(token + " AND tls_cn:relp-node")).isEqualTo(MESSAGES);
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      String metrics =
          api.metrics()
              .lines()
              .filter(l -> l.contains("relp") || l.contains("tls_refused"))
              .collect(java.util.stream.Collectors.joining("\n"));
      throw new AssertionError(
          e.getMessage() + "\n" + diagnostics(peer) + "\n--- metrics\n" + metrics, e);
    }
    assertThat(api.total(token)).as("nothing stored twice").isEqualTo(MESSAGES);
  }

  /** rsyslogd with a plain TCP input on 127.0.0.1 forwarding to Outpost with omrelp over TLS. */
  private int startRsyslog(Path peer, int relpTlsPort, TestPki.Ca ca, TestPki.Leaf client)
      throws IOException {
    Path portFile = peer.resolve("input.port");
    Path config = peer.resolve("rsyslog.conf");
    Files.writeString(
        config,
        """
        global(workDirectory="%s")
        module(load="imtcp")
        module(load="omrelp")
        input(type="imtcp" address="127.0.0.1" port="0" listenPortFileName="%s" ruleset="fwd")
        ruleset(name="fwd") {
          action(type="omrelp" target="127.0.0.1" port="%d" template="RSYSLOG_ForwardFormat"
                 tls="on" tls.caCert="%s" tls.myCert="%s" tls.myPrivKey="%s"
                 tls.authMode="certvalid"
                 action.resumeRetryCount="-1" action.resumeInterval="1")
        }
        *.* action(type="omfile" file="%s")
        """
            .formatted(
                Files.createDirectories(peer.resolve("work")),
                portFile,
                relpTlsPort,
                ca.certificate(),
                client.certificate(),
                client.key(),
                peer.resolve("internal.log")));
    rsyslog =
        PeerProcess.start(
            "rsyslogd",
            List.of(
                PeerPrograms.rsyslogd().toString(),
                "-n",
                "-f",
                config.toString(),
                "-i",
                peer.resolve("rsyslogd.pid").toString()),
            peer,
            Map.of());
    await("rsyslogd's input port")
        .atMost(15, SECONDS)
        .pollInterval(50, MILLISECONDS)
        .until(
            () -> {
              rsyslog.assertAlive();
              return Files.exists(portFile) && !Files.readString(portFile).isBlank();
            });
    return Integer.parseInt(Files.readString(portFile).strip());
  }

  private String diagnostics(Path peer) {
    StringBuilder text = new StringBuilder();
    for (String name : List.of("rsyslog.conf", "internal.log")) {
      Path file = peer.resolve(name);
      try {
        if (Files.exists(file)) {
          text.append("--- ").append(name).append('\n').append(Files.readString(file));
        }
      } catch (IOException e) {
        text.append("(cannot read ").append(file).append(": ").append(e).append(")\n");
      }
    }
    return text.append("--- output\n").append(rsyslog.output()).toString();
  }
}
