package outpost.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import outpost.server.peers.Rfc3164Line;
import outpost.server.peers.SyslogNgPeer;
import outpost.server.peers.SyslogNgPeer.Forward;

/**
 * A real syslog-ng forwards to a running Outpost with its {@code syslog()} driver (RFC 5424,
 * octet-counted over TCP) and its {@code network()} driver (BSD format) over TCP and UDP; each
 * message is then found through {@code /api/search} with the host, app, facility and severity it
 * was sent with.
 */
class SyslogNgForwardingTest {
  @TempDir static Path dataDir;
  private static RunningOutpost outpost;

  @BeforeAll
  static void startOutpost() {
    outpost = RunningOutpost.start(dataDir);
  }

  @AfterAll
  static void stopOutpost() {
    if (outpost != null) {
      outpost.close();
    }
  }

  @ParameterizedTest(name = "syslog-ng {0}")
  @EnumSource(Forward.class)
  void forwardedMessageIsSearchable(Forward forward, @TempDir Path peerDir) throws Exception {
    String token = RunningOutpost.token();
    // local4.err from db-3's postgres
    Rfc3164Line line =
        new Rfc3164Line(20, 3, "db-3", "postgres", "812", "checkpoint took 12 s " + token);
    int port = forward.overTcp() ? outpost.tcpPort() : outpost.udpPort();

    try (SyslogNgPeer syslogNg = SyslogNgPeer.start(peerDir, forward, port)) {
      syslogNg.send(line.format(ZonedDateTime.now()));

      JsonNode hit = outpost.awaitOnlyHit(token, syslogNg::diagnostics);
      new ExpectedHit("db-3", "postgres", "local4", "err", line.message()).assertMatches(hit);
    }
  }
}
