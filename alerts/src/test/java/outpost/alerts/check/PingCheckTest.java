package outpost.alerts.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ping kind: the system's ping against loopback, TCP mode, and iputils' outputs. */
class PingCheckTest {
  final CheckFactory factory = new CheckFactory(TestEnv.env());

  CheckResult run(Map<String, String> params) throws InterruptedException {
    return factory.create("ping", params, TestEnv.LOCAL).run();
  }

  static boolean icmpPermitted() throws Exception {
    Process p =
        new ProcessBuilder("/usr/bin/ping", "-n", "-c", "1", "-W", "1", "127.0.0.1")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void loopbackAnswersOrTheReasonIsGiven() throws Exception {
    CheckResult r = run(Map.of("packets", "2", "interval", "200ms", "timeout", "2s"));
    if (icmpPermitted()) {
      assertThat(r.status()).isEqualTo(Status.OK);
      assertThat(r.output()).matches("PING OK - Packet loss = 0%, RTA = \\d+\\.\\d\\d ms");
      assertThat(r.perfData()).extracting(PerfValue::label).containsExactly("rta", "pl");
      assertThat(r.perfData().get(0).warning()).isEqualTo("100");
      assertThat(r.perfData().get(1).critical()).isEqualTo("60");
    } else {
      assertThat(r.status()).isEqualTo(Status.UNKNOWN);
      assertThat(r.output()).startsWith("ICMP ping is not permitted for this process");
    }
  }

  @Test
  void tcpModeCountsAnswersFromAnOpenAndAClosedPort() throws Exception {
    try (LineServer server = new LineServer()) {
      CheckResult r =
          run(Map.of("mode", "tcp", "port", Integer.toString(server.port()), "packets", "3"));
      assertThat(r.status()).isEqualTo(Status.OK);
      assertThat(r.output()).startsWith("TCP PING OK - Packet loss = 0%, RTA = ");
    }
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    // a refused connection is an answer: the host is up
    assertThat(
            run(Map.of("mode", "tcp", "port", Integer.toString(closed), "packets", "2")).status())
        .isEqualTo(Status.OK);
  }

  @Test
  void thresholdsAreCheckPingPairs() throws Exception {
    try (LineServer server = new LineServer()) {
      CheckResult r =
          run(
              Map.of(
                  "mode",
                  "tcp",
                  "port",
                  Integer.toString(server.port()),
                  "packets",
                  "1",
                  "warning",
                  "0,20%",
                  "critical",
                  "500,60%"));
      assertThat(r.status()).isEqualTo(Status.WARNING); // rta >= 0 ms always
    }
  }

  @Test
  void readsIputilsSummaries() {
    String ok =
        """
        PING 10.0.0.7 (10.0.0.7) 56(84) bytes of data.

        --- 10.0.0.7 ping statistics ---
        5 packets transmitted, 4 received, 20% packet loss, time 4005ms
        rtt min/avg/max/mdev = 0.412/0.530/0.701/0.105 ms
        """;
    assertThat(PingCheck.parse(ok)).isEqualTo(new PingCheck.Measured(20, 0.530));
    String none =
        """
        --- 10.0.0.9 ping statistics ---
        3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2041ms
        """;
    PingCheck.Measured m = PingCheck.parse(none);
    assertThat(m.lossPercent()).isEqualTo(100);
    assertThat(m.rtaMs()).isNaN();
    assertThat(PingCheck.parse("garbage")).isNull();
  }

  @Test
  void namesTheReasonWhenIcmpIsNotPermitted() {
    var denied = new ProcessRunner.Outcome(false, 2, "", "ping: socket: Operation not permitted\n");
    assertThat(PingCheck.problem(denied))
        .hasValueSatisfying(
            s ->
                assertThat(s)
                    .startsWith(
                        "ICMP ping is not permitted for this process (ping: socket: Operation not permitted)"));
    var unknown =
        new ProcessRunner.Outcome(false, 2, "", "ping: nohost: Name or service not known\n");
    assertThat(PingCheck.problem(unknown))
        .hasValue("cannot resolve host: ping: nohost: Name or service not known");
  }

  @Test
  void unresolvableHostIsUnknown() throws Exception {
    CheckResult r = run(Map.of("host", "no-such-host.invalid", "packets", "1", "timeout", "1s"));
    assertThat(r.status()).isEqualTo(Status.UNKNOWN);
  }
}
