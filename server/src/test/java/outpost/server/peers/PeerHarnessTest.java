package outpost.server.peers;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.server.peers.LoggerCommand.Format;
import outpost.server.peers.LoggerCommand.Transport;

/**
 * Checks the peer harness on its own: real logger, rsyslogd and syslog-ng send to a plain Java
 * socket, and what arrives is what the end-to-end tests expect Outpost to receive.
 */
class PeerHarnessTest {
  private static final int WAIT_SECONDS = 10;

  @TempDir Path dir;
  private FakeSyslogReceiver receiver;

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = new FakeSyslogReceiver();
  }

  @AfterEach
  void stopReceiver() throws IOException {
    receiver.close();
  }

  private static String token() {
    return "tok" + UUID.randomUUID().toString().replace("-", "");
  }

  private static Rfc3164Line line(String token) {
    // local5.notice from web-7's nginx
    return new Rfc3164Line(21, 5, "web-7", "nginx", "4242", "GET /index.html " + token);
  }

  @Test
  void rsyslogForwardsOctetCountedFrames() throws IOException {
    String token = token();
    try (RsyslogPeer rsyslog =
        RsyslogPeer.start(dir, RsyslogPeer.Forward.TCP_RFC5424_OCTET_COUNTED, receiver.tcpPort())) {
      rsyslog.send(line(token).format(ZonedDateTime.now()));

      awaitOctetCountedFrame(
          rsyslog::diagnostics,
          "<173>1 \\S+ web-7 nginx 4242 - - +GET /index.html " + token + "\n?");
    }
  }

  @Test
  void rsyslogForwardsRfc5424OverUdp() throws IOException {
    String token = token();
    try (RsyslogPeer rsyslog =
        RsyslogPeer.start(dir, RsyslogPeer.Forward.UDP_RFC5424, receiver.udpPort())) {
      rsyslog.send(line(token).format(ZonedDateTime.now()));

      awaitDatagram(
          rsyslog::diagnostics,
          "<173>1 \\S+ web-7 nginx 4242 - - +GET /index.html " + token + "\n?");
    }
  }

  @Test
  void rsyslogForwardsTraditionalFormatOverUdp() throws IOException {
    String token = token();
    try (RsyslogPeer rsyslog =
        RsyslogPeer.start(dir, RsyslogPeer.Forward.UDP_RFC3164, receiver.udpPort())) {
      rsyslog.send(line(token).format(ZonedDateTime.now()));

      awaitDatagram(
          rsyslog::diagnostics,
          "<173>\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d web-7 nginx\\[4242\\]: GET /index.html "
              + token);
    }
  }

  @Test
  void syslogNgSyslogDriverSendsOctetCountedRfc5424() throws IOException {
    String token = token();
    try (SyslogNgPeer syslogNg =
        SyslogNgPeer.start(dir, SyslogNgPeer.Forward.SYSLOG_DRIVER_TCP, receiver.tcpPort())) {
      syslogNg.send(line(token).format(ZonedDateTime.now()));

      awaitOctetCountedFrame(
          syslogNg::diagnostics,
          "<173>1 \\S+ web-7 nginx 4242 - - GET /index.html " + token + "\n?");
    }
  }

  @Test
  void syslogNgNetworkDriverSendsBsdOverUdp() throws IOException {
    String token = token();
    try (SyslogNgPeer syslogNg =
        SyslogNgPeer.start(dir, SyslogNgPeer.Forward.NETWORK_DRIVER_UDP, receiver.udpPort())) {
      syslogNg.send(line(token).format(ZonedDateTime.now()));

      awaitDatagram(
          syslogNg::diagnostics,
          "<173>\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d web-7 nginx\\[4242\\]: GET /index.html "
              + token
              + "\n?");
    }
  }

  @Test
  void loggerFramesTcpWithLfUnlessOctetCounting() {
    String lf = token();
    String counted = token();
    new LoggerCommand(Transport.TCP, Format.RFC5424, false, "app", "daemon.err")
        .send(receiver.tcpPort(), lf);
    new LoggerCommand(Transport.TCP, Format.RFC3164, true, "app", "daemon.err")
        .send(receiver.tcpPort(), counted);

    await()
        .atMost(WAIT_SECONDS, SECONDS)
        .untilAsserted(
            () -> {
              List<String> streams = receiver.tcpStreams();
              assertThat(streams).hasSize(2);
              assertThat(streams)
                  .anySatisfy(s -> assertThat(s).matches("<27>1 .* app - - .* " + lf + "\n"));
              assertThat(streams)
                  .anySatisfy(
                      s ->
                          assertThat(OctetCounting.frames(s))
                              .singleElement()
                              .asString()
                              .matches(
                                  "<27>\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\S+ app: "
                                      + counted));
            });
  }

  private void awaitOctetCountedFrame(Supplier<String> diagnostics, String regex) {
    await()
        .atMost(WAIT_SECONDS, SECONDS)
        .untilAsserted(
            () ->
                assertThat(
                        receiver.tcpStreams().stream()
                            .flatMap(stream -> OctetCounting.frames(stream).stream())
                            .toList())
                    .as(diagnostics)
                    .singleElement()
                    .asString()
                    .matches(regex));
  }

  private void awaitDatagram(Supplier<String> diagnostics, String regex) {
    await()
        .atMost(WAIT_SECONDS, SECONDS)
        .untilAsserted(
            () ->
                assertThat(receiver.datagrams())
                    .as(diagnostics)
                    .singleElement()
                    .asString()
                    .matches(regex));
  }
}
