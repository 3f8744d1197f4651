package outpost.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import outpost.server.peers.LoggerCommand;
import outpost.server.peers.LoggerCommand.Format;
import outpost.server.peers.LoggerCommand.Transport;

/**
 * util-linux's {@code logger} sends to a running Outpost over UDP and TCP, RFC 3164 and RFC 5424,
 * with and without octet counting; each message is then found through {@code /api/search}.
 */
class LoggerIngestTest {
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

  static Stream<LoggerCommand> loggerVariants() {
    return Stream.of(
        new LoggerCommand(Transport.UDP, Format.RFC3164, false, "cron-job", "local3.warning"),
        new LoggerCommand(Transport.UDP, Format.RFC5424, false, "backup", "daemon.err"),
        new LoggerCommand(Transport.TCP, Format.RFC3164, false, "sshd", "auth.notice"),
        new LoggerCommand(Transport.TCP, Format.RFC5424, false, "billing", "local0.info"),
        new LoggerCommand(Transport.TCP, Format.RFC3164, true, "mailer", "mail.crit"),
        new LoggerCommand(Transport.TCP, Format.RFC5424, true, "deploy", "user.debug"));
  }

  @ParameterizedTest(name = "logger {0}")
  @MethodSource("loggerVariants")
  void messageFromLoggerIsSearchable(LoggerCommand logger) throws IOException {
    String token = RunningOutpost.token();
    String message = "disk usage 91% on /var " + token;
    int port = logger.transport() == Transport.UDP ? outpost.udpPort() : outpost.tcpPort();

    logger.send(port, message);

    JsonNode hit = outpost.awaitOnlyHit(token, () -> "sent: " + logger.argv(port, message));
    String[] priority = logger.priority().split("\\.");
    new ExpectedHit(loggerHost(logger.format()), logger.tag(), priority[0], priority[1], message)
        .assertMatches(hit);
  }

  @Test
  void accessLogLineFromLoggerHasFieldsAndMatchesStatusRange() throws IOException {
    String token = RunningOutpost.token();
    // Apache Combined Log Format; the token is the authenticated user (%u)
    String line =
        "203.0.113.9 - %s [%s] \"GET /wp-login.php HTTP/1.1\" 404 196"
                .formatted(
                    token,
                    DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
                        .format(ZonedDateTime.now()))
            + " \"https://example.com/\" \"Mozilla/5.0 (X11; Linux x86_64; rv:128.0)\"";
    LoggerCommand logger =
        new LoggerCommand(Transport.TCP, Format.RFC5424, true, "apache", "local7.info");

    logger.send(outpost.tcpPort(), line);

    JsonNode hit = outpost.awaitOnlyHit("status:[400 TO 499] AND " + token, () -> "sent: " + line);
    new ExpectedHit(loggerHost(Format.RFC5424), "apache", "local7", "info", line)
        .assertMatches(hit);
    JsonNode fields = hit.path("fields");
    assertThat(fields.path("client_ip").asText())
        .as("client_ip in %s", hit)
        .isEqualTo("203.0.113.9");
    assertThat(fields.path("user").asText()).as("user in %s", hit).isEqualTo(token);
    assertThat(fields.path("method").asText()).as("method in %s", hit).isEqualTo("GET");
    assertThat(fields.path("path").asText()).as("path in %s", hit).isEqualTo("/wp-login.php");
    assertThat(fields.path("protocol").asText()).as("protocol in %s", hit).isEqualTo("HTTP/1.1");
    assertThat(fields.path("status").asText()).as("status in %s", hit).isEqualTo("404");
    assertThat(fields.path("bytes").asText()).as("bytes in %s", hit).isEqualTo("196");
    assertThat(fields.path("referer").asText())
        .as("referer in %s", hit)
        .isEqualTo("https://example.com/");
    assertThat(fields.path("user_agent").asText())
        .as("user_agent in %s", hit)
        .isEqualTo("Mozilla/5.0 (X11; Linux x86_64; rv:128.0)");
    assertThat(outpost.api().total("status:[500 TO 599] AND " + token))
        .as("a 404 must not match status:[500 TO 599]")
        .isZero();
  }

  /**
   * The HOSTNAME logger writes: the kernel's host name, cut at the first dot for RFC 3164
   * (util-linux logger.c, syslog_rfc3164_header).
   */
  private static String loggerHost(Format format) throws IOException {
    String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    int dot = hostname.indexOf('.');
    return format == Format.RFC3164 && dot > 0 ? hostname.substring(0, dot) : hostname;
  }
}
