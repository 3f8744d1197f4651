package outpost.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input against a whole in-process server on port 0: after each attack the server still
 * takes and serves a normal message on a new connection, and {@code /metrics} says what happened.
 */
class HostileInputTest {
  private static final int ONE_MIB = 1 << 20;
  private static final int MAX_FRAME_BYTES = 64 * 1024;

  @TempDir Path tmp;

  private final String run = "h" + HexFormat.of().toHexDigits(new Random().nextInt());
  private Outpost outpost;
  private ApiClient api;

  @BeforeEach
  void start() {
    OutpostConfig config =
        OutpostConfig.load(
            null,
            Map.of(
                "OUTPOST_DATA_DIR", tmp.resolve("data").toString(),
                "OUTPOST_SYSLOG_UDP_PORT", "0",
                "OUTPOST_SYSLOG_TCP_PORT", "0",
                "OUTPOST_WEB_PORT", "0",
                "OUTPOST_WEB_BIND", "127.0.0.1",
                "OUTPOST_SYSLOG_BIND", "127.0.0.1",
                "OUTPOST_ADMIN_PASSWORD", ApiClient.ADMIN_PASSWORD));
    outpost = Outpost.start(config);
    api = new ApiClient(outpost.webPort());
  }

  @AfterEach
  void stop() {
    if (outpost != null) {
      outpost.close();
    }
  }

  @Test
  void randomBytesOverTcpAreCountedAndTheServerStaysUp() throws IOException {
    byte[] noise = new byte[ONE_MIB];
    new Random(7).nextBytes(noise);
    PrometheusText before = api.metrics();

    try (SyslogSender sender = new SyslogSender(outpost.tcpPort(), false)) {
      sender.sendRaw(noise);
      sender.sendRaw(new byte[] {'\n'});
    }

    await("random frames counted")
        .atMost(30, SECONDS)
        .untilAsserted(
            () -> {
              PrometheusText now = api.metrics();
              assertThat(delta(before, now, MetricNames.MESSAGES, "tcp"))
                  .as("TCP frames received")
                  .isPositive();
              assertThat(delta(before, now, MetricNames.PARSE_ERRORS, "tcp"))
                  .as("TCP parse errors")
                  .isPositive();
            });
    assertServesANewConnection();
  }

  @Test
  void oneMebibyteLfFrameIsTruncatedAndTheConnectionKeepsWorking() throws IOException {
    String token = run + "big";
    String next = run + "after";
    // one immense word: a hazard for an analyzer without a token length cap
    byte[] filler = new byte[ONE_MIB];
    Arrays.fill(filler, (byte) 'A');
    PrometheusText before = api.metrics();

    try (SyslogSender sender = new SyslogSender(outpost.tcpPort(), false)) {
      sender.sendFrame(concat(msg("hostile", token + " "), filler));
      sender.send(msg("hostile", next));
    }

    assertTruncatedOnce(before);
    JsonNode hit = awaitOneHit(token);
    assertThat(hit.path("raw").asText().length()).isLessThanOrEqualTo(MAX_FRAME_BYTES);
    awaitOneHit(next);
    assertServesANewConnection();
  }

  @Test
  void oneMebibyteOctetCountedFrameIsTruncatedAndTheConnectionKeepsWorking() throws IOException {
    String token = run + "big";
    String next = run + "after";
    byte[] filler = "lorem ipsum dolor ".repeat(ONE_MIB / 18).getBytes(StandardCharsets.US_ASCII);
    PrometheusText before = api.metrics();

    try (SyslogSender sender = new SyslogSender(outpost.tcpPort(), true)) {
      sender.sendFrame(concat(msg("hostile", token + " "), filler));
      sender.send(msg("hostile", next));
    }

    assertTruncatedOnce(before);
    JsonNode hit = awaitOneHit(token);
    assertThat(hit.path("raw").asText().length()).isLessThanOrEqualTo(MAX_FRAME_BYTES);
    awaitOneHit(next);
    assertServesANewConnection();
  }

  @Test
  void octetCountWithTooManyDigitsIsReadAsALine() throws IOException {
    String token = run + "huge";
    PrometheusText before = api.metrics();

    try (SyslogSender sender = new SyslogSender(outpost.tcpPort(), false)) {
      // twenty digits: more than any frame could be, more than a long holds
      sender.sendRaw(
          ("99999999999999999999 " + msg("hostile", token) + "\n")
              .getBytes(StandardCharsets.US_ASCII));
    }

    await("invalid octet count counted")
        .atMost(10, SECONDS)
        .untilAsserted(
            () ->
                assertThat(
                        delta(before, api.metrics(), MetricNames.FRAMES_INVALID_OCTET_COUNT, "tcp"))
                    .isEqualTo(1));
    assertThat(awaitOneHit(token).path("raw").asText()).startsWith("99999999999999999999 <134>1");
    assertServesANewConnection();
  }

  @Test
  void octetCountFarBeyondTheDataKeepsWhatArrivedWhenThePeerCloses() throws IOException {
    String token = run + "short";

    try (SyslogSender sender = new SyslogSender(outpost.tcpPort(), false)) {
      // announces 999,999,999 bytes, sends a hundred, then hangs up
      sender.sendRaw(("999999999 " + msg("hostile", token)).getBytes(StandardCharsets.US_ASCII));
      sender.flush();
      assertServesANewConnection(); // a peer waiting for a gigabyte holds nobody else up
    }

    awaitOneHit(token);
  }

  @Test
  void invalidUtf8IsKeptWithReplacementCharacters() throws IOException {
    String token = run + "utf";
    // a bad continuation, bytes never valid in UTF-8, an encoded surrogate, an overlong "/",
    // and a sequence cut short
    byte[] invalid =
        HexFormat.ofDelimiter(" ").parseHex("c3 28 20 ff fe 20 ed a0 80 20 c0 af 20 e2 82");

    try (SyslogSender sender = new SyslogSender(outpost.tcpPort(), true)) {
      sender.sendFrame(
          concat(msg("hostile", token + " "), invalid, " end".getBytes(StandardCharsets.US_ASCII)));
    }
    // a frame that ends inside a UTF-8 sequence, LF-framed
    try (SyslogSender sender = new SyslogSender(outpost.tcpPort(), false)) {
      sender.sendFrame(concat(msg("hostile", token + "cut "), new byte[] {(byte) 0xE2}));
    }

    JsonNode hit = awaitOneHit(token);
    assertThat(hit.path("message").asText()).contains(token, "\uFFFD", " end");
    assertThat(hit.path("raw").asText()).contains(token, "\uFFFD");
    assertThat(awaitOneHit(token + "cut").path("message").asText()).contains("\uFFFD");
    assertServesANewConnection();
  }

  @Test
  void nulBytesEndFramesAndNeverStopTheServer() throws IOException {
    String token = run + "nul";
    PrometheusText before = api.metrics();

    try (SyslogSender sender = new SyslogSender(outpost.tcpPort(), false)) {
      // RFC 6587 3.4.2: some senders end frames with NUL, so NUL is a terminator
      sender.sendFrame(concat(msg("hostile", token + " a"), new byte[] {0, 'b', 0, 0, 'c', 0}));
      sender.sendRaw(new byte[100_000]); // nothing but NULs: empty frames, skipped
      sender.sendRaw(new byte[] {'\n'});
      sender.send(msg("hostile", token + "next"));
    }

    assertThat(awaitOneHit(token).path("message").asText()).isEqualTo(token + " a");
    awaitOneHit(token + "next");
    await("four frames counted: the message, b, c and the next message")
        .atMost(10, SECONDS)
        .untilAsserted(
            () -> {
              PrometheusText now = api.metrics();
              assertThat(delta(before, now, MetricNames.MESSAGES, "tcp")).isEqualTo(4);
              assertThat(delta(before, now, MetricNames.FRAMES_TRUNCATED, "tcp")).isZero();
            });
    assertServesANewConnection();
  }

  @Test
  void scriptInAnApacheUserAgentComesBackAsPlainJsonData() throws IOException {
    String host = run + "-web";
    String script = "<script>alert(1)</script>";
    String line =
        "10.0.0.5 - - [23/Nov/2026:10:00:00 +0000] \"GET /index.html HTTP/1.1\" 200 512"
            + " \"https://example.com/<img src=x onerror=alert(2)>\" \""
            + script
            + "\"";

    try (SyslogSender sender = new SyslogSender(outpost.tcpPort(), true)) {
      sender.send(SyslogSender.rfc5424(host, "apache", line));
    }

    String query = "host:" + host;
    await("access line searchable")
        .atMost(10, SECONDS)
        .untilAsserted(() -> assertThat(api.total(query)).isEqualTo(1));
    HttpResponse<String> response = api.searchResponse(query, 10);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode hit = ApiClient.parse(response.body()).path("hits").get(0);
    assertThat(hit.path("fields").path("user_agent").asText()).isEqualTo(script);
    assertThat(hit.path("fields").path("referer").asText())
        .isEqualTo("https://example.com/<img src=x onerror=alert(2)>");
    assertThat(hit.path("message").asText()).isEqualTo(line);
    assertThat(hit.path("raw").asText()).endsWith(line);
  }

  @Test
  void aMillionTinyUdpPacketsAreAllAccountedFor() throws IOException {
    int packets = 1_000_000;
    PrometheusText before = api.metrics();
    long kernelBefore = kernelUdpRcvbufErrors();
    byte[] tiny = "<14>u".getBytes(StandardCharsets.US_ASCII);

    // two senders, one per core: as fast as this machine can send
    try (ExecutorService senders = Executors.newFixedThreadPool(2)) {
      senders.submit(() -> flood(packets / 2, tiny));
      senders.submit(() -> flood(packets - packets / 2, tiny));
    }

    await("every datagram received by Outpost or dropped by the kernel")
        .atMost(60, SECONDS)
        .untilAsserted(
            () -> {
              // Outpost counts a datagram as received before it may drop it for backpressure
              double received = delta(before, api.metrics(), MetricNames.MESSAGES, "udp");
              long kernelDropped = kernelUdpRcvbufErrors() - kernelBefore;
              assertThat(received + kernelDropped)
                  .as("received %s + kernel drops %s (machine-wide)", received, kernelDropped)
                  .isGreaterThanOrEqualTo(packets);
              assertThat(received)
                  .as("received by Outpost")
                  .isPositive()
                  .isLessThanOrEqualTo(packets);
            });
    await("every datagram Outpost received is accepted or counted as dropped")
        .atMost(60, SECONDS)
        .untilAsserted(
            () -> {
              PrometheusText now = api.metrics();
              double received = delta(before, now, MetricNames.MESSAGES, "udp");
              double accepted = delta(before, now, MetricNames.ACCEPTED, "udp");
              double dropped = delta(before, now, MetricNames.DROPPED, "udp");
              assertThat(accepted + dropped)
                  .as("accepted %s + dropped %s", accepted, dropped)
                  .isEqualTo(received);
            });
    assertThat(api.metrics().has(MetricNames.UDP_KERNEL_RCVBUF_ERRORS))
        .as("kernel drops exported next to Outpost's own")
        .isTrue();
    assertServesANewConnection();
    String udpToken = run + "udpafter";
    await("a normal UDP message after the flood is searchable")
        .atMost(60, SECONDS)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              // resent on each poll: UDP may drop while the store digests the flood
              sendUdp(msg("hostile", udpToken));
              assertThat(api.total(udpToken)).isPositive();
            });
  }

  private void flood(int packets, byte[] datagram) {
    try (DatagramChannel udp = DatagramChannel.open()) {
      udp.connect(new InetSocketAddress("127.0.0.1", outpost.udpPort()));
      ByteBuffer buf = ByteBuffer.wrap(datagram);
      for (int i = 0; i < packets; i++) {
        buf.rewind();
        udp.write(buf);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String msg(String host, String text) {
    return SyslogSender.rfc5424(host, "hostile", text);
  }

  private static byte[] concat(String head, byte[]... tails) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    for (byte[] tail : tails) {
      out.writeBytes(tail);
    }
    return out.toByteArray();
  }

  private void sendUdp(String message) throws IOException {
    try (DatagramChannel udp = DatagramChannel.open()) {
      udp.send(
          ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)),
          new InetSocketAddress("127.0.0.1", outpost.udpPort()));
    }
  }

  private static double delta(
      PrometheusText before, PrometheusText now, String name, String transport) {
    return now.sum(name, "transport", transport) - before.sum(name, "transport", transport);
  }

  private void assertTruncatedOnce(PrometheusText before) {
    await("truncated frame counted")
        .atMost(10, SECONDS)
        .untilAsserted(
            () ->
                assertThat(delta(before, api.metrics(), MetricNames.FRAMES_TRUNCATED, "tcp"))
                    .isEqualTo(1));
  }

  private JsonNode awaitOneHit(String token) {
    await("one hit for " + token)
        .atMost(10, SECONDS)
        .untilAsserted(() -> assertThat(api.total(token)).isEqualTo(1));
    return api.search(token, 1).path("hits").get(0);
  }

  /** The server is up: a normal message on a new TCP connection becomes searchable. */
  private void assertServesANewConnection() throws IOException {
    String token = run + "alive" + Long.toHexString(System.nanoTime());
    try (SyslogSender sender = new SyslogSender(outpost.tcpPort(), true)) {
      sender.send(msg("hostile", token));
    }
    await("a normal message after the attack is searchable")
        .atMost(60, SECONDS)
        .untilAsserted(() -> assertThat(api.total(token)).isEqualTo(1));
  }

  /** {@code Udp: RcvbufErrors} from {@code /proc/net/snmp}: machine-wide kernel drops. */
  private static long kernelUdpRcvbufErrors() {
    try {
      List<String> udp =
          Files.readAllLines(Path.of("/proc/net/snmp")).stream()
              .filter(l -> l.startsWith("Udp: "))
              .toList();
      List<String> names = Arrays.asList(udp.get(0).split("\\s+"));
      String[] values = udp.get(1).split("\\s+");
      return Long.parseLong(values[names.indexOf("RcvbufErrors")]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
