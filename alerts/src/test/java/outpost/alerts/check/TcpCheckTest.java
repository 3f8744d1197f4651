package outpost.alerts.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tcp kind against a real local server and a closed port. */
class TcpCheckTest {
  final CheckFactory factory = new CheckFactory(TestEnv.env());
  final LineServer server = new LineServer();

  TcpCheckTest() throws Exception {}

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  CheckResult run(Map<String, String> params) throws InterruptedException {
    return factory.create("tcp", params, TestEnv.LOCAL).run();
  }

  @Test
  void openPortIsOkWithConnectTime() throws Exception {
    CheckResult r = run(Map.of("port", Integer.toString(server.port())));
    assertThat(r.status()).isEqualTo(Status.OK);
    assertThat(r.output())
        .matches(
            "TCP OK - \\d+\\.\\d{3} second response time on 127\\.0\\.0\\.1 port " + server.port());
    assertThat(r.perfData()).extracting(PerfValue::label).containsExactly("time");
  }

  @Test
  void closedPortIsConnectionRefused() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CheckResult r = run(Map.of("port", Integer.toString(port)));
    assertThat(r.status()).isEqualTo(Status.CRITICAL);
    assertThat(r.output()).isEqualTo("connection refused (127.0.0.1:" + port + ")");
  }

  @Test
  void sendAndExpectMatchTheReply() throws Exception {
    String port = Integer.toString(server.port());
    assertThat(run(Map.of("port", port, "send", "PING\n", "expect", "PONG")).status())
        .isEqualTo(Status.OK);
    assertThat(run(Map.of("port", port, "expect", "220 line")).status()).isEqualTo(Status.OK);
    CheckResult wrong = run(Map.of("port", port, "send", "PING\n", "expect", "HELLO"));
    assertThat(wrong.status()).isEqualTo(Status.CRITICAL);
    assertThat(wrong.output())
        .isEqualTo(
            "TCP CRITICAL - unexpected response on 127.0.0.1 port "
                + port
                + ": \"220 line server ready\\r\\nPONG\\r\\n\"");
  }

  @Test
  void silentPeerTimesOut() throws Exception {
    CheckResult r =
        run(
            Map.of(
                "port",
                Integer.toString(server.port()),
                "send",
                "HOLD\n",
                "expect",
                "PONG",
                "timeout",
                "500ms"));
    assertThat(r.status()).isEqualTo(Status.CRITICAL);
    assertThat(r.output()).isEqualTo("timed out after 500ms (127.0.0.1:" + server.port() + ")");
  }

  @Test
  void connectTimeThresholds() throws Exception {
    CheckResult r =
        run(
            Map.of(
                "port",
                Integer.toString(server.port()),
                "warning",
                "0:0.0000001",
                "critical",
                "5"));
    assertThat(r.status()).isEqualTo(Status.WARNING);
    assertThat(r.perfData().getFirst().warning()).isEqualTo("0:0.0000001");
  }
}
