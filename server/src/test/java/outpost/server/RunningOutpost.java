package outpost.server;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The whole server started in this JVM on port 0 (syslog and web on 127.0.0.1) with a temp data
 * directory, plus an {@link ApiClient} logged in as admin, for tests that send with real peers and
 * search through the HTTP API. {@link #start} returns once a warm-up message sent over TCP and one
 * over UDP are searchable. Timestamps without a zone are read in the system's zone, the one logger,
 * rsyslog and syslog-ng write them in. Close it when done.
 */
final class RunningOutpost implements AutoCloseable {
  /** How long a sent message may take to become searchable before the test fails. */
  static final long SEARCHABLE_WITHIN_SECONDS = 10;

  /** How long the warm-up messages may take to become searchable, see {@link #awaitWarmedUp}. */
  private static final long WARM_UP_WITHIN_SECONDS = 60;

  private final Outpost outpost;
  private final ApiClient api;

  private RunningOutpost(Outpost outpost) {
    this.outpost = outpost;
    this.api = new ApiClient(outpost.webPort());
  }

  static RunningOutpost start(Path dataDir) {
    return start(dataDir, Map.of());
  }

  /** Starts with {@code env} added to (or overriding) the test settings. */
  static RunningOutpost start(Path dataDir, Map<String, String> env) {
    RunningOutpost running = new RunningOutpost(Outpost.start(config(dataDir, env)));
    try {
      running.awaitWarmedUp();
    } catch (RuntimeException | AssertionError e) {
      running.close();
      throw e;
    }
    return running;
  }

  /** The test settings (loopback, free ports, the admin password) plus {@code env}. */
  static OutpostConfig config(Path dataDir, Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>();
    all.put("OUTPOST_DATA_DIR", dataDir.toString());
    all.put("OUTPOST_SYSLOG_BIND", "127.0.0.1");
    all.put("OUTPOST_SYSLOG_UDP_PORT", "0");
    all.put("OUTPOST_SYSLOG_TCP_PORT", "0");
    all.put("OUTPOST_SYSLOG_TIME_ZONE", ZoneId.systemDefault().getId());
    all.put("OUTPOST_WEB_BIND", "127.0.0.1");
    all.put("OUTPOST_WEB_PORT", "0");
    all.put("OUTPOST_ADMIN_PASSWORD", ApiClient.ADMIN_PASSWORD);
    all.putAll(env);
    return OutpostConfig.load(null, all);
  }

  /**
   * Readiness: one message over each transport is found. The first message in a fresh JVM pays for
   * loading the Netty, journal, Lucene and HTTP classes (up to 9 s on this 2-core machine while
   * other builds ran), which must not count against the message a test sends.
   */
  private void awaitWarmedUp() {
    String tcpToken = token();
    String udpToken = token();
    byte[] tcpMessage = warmUpMessage(tcpToken);
    byte[] udpMessage = warmUpMessage(udpToken);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (Socket tcp = new Socket(loopback, tcpPort());
        DatagramSocket udp = new DatagramSocket()) {
      OutputStream out = tcp.getOutputStream();
      out.write((tcpMessage.length + " ").getBytes(StandardCharsets.US_ASCII));
      out.write(tcpMessage);
      out.flush();
      udp.send(new DatagramPacket(udpMessage, udpMessage.length, loopback, udpPort()));
    } catch (IOException e) {
      throw new UncheckedIOException("sending warm-up messages", e);
    }
    await("Outpost to find a warm-up message sent over TCP and one over UDP")
        .atMost(WARM_UP_WITHIN_SECONDS, SECONDS)
        .pollInterval(100, MILLISECONDS)
        .untilAsserted(
            () -> {
              assertThat(api.total(tcpToken)).as("over TCP").isEqualTo(1);
              assertThat(api.total(udpToken)).as("over UDP").isEqualTo(1);
            });
  }

  private static byte[] warmUpMessage(String token) {
    return ("<14>1 "
            + Instant.now().truncatedTo(ChronoUnit.MILLIS)
            + " outpost-test warm-up - - - ready "
            + token)
        .getBytes(StandardCharsets.UTF_8);
  }

  int udpPort() {
    return outpost.udpPort();
  }

  int tcpPort() {
    return outpost.tcpPort();
  }

  int webPort() {
    return outpost.webPort();
  }

  ApiClient api() {
    return api;
  }

  /** A word that occurs nowhere else: put one in each message and search for it. */
  static String token() {
    return "tok" + UUID.randomUUID().toString().replace("-", "");
  }

  /**
   * Waits until {@code query} finds exactly one message and returns that hit; on timeout fails with
   * what the search last answered and the {@code diagnostics} (e.g. the peer's output).
   */
  JsonNode awaitOnlyHit(String query, Supplier<String> diagnostics) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    long startNanos = System.nanoTime();
    try {
      await("a search for " + query + " to find one message")
          .atMost(SEARCHABLE_WITHIN_SECONDS, SECONDS)
          .pollInterval(100, MILLISECONDS)
          .untilAsserted(
              () -> {
                JsonNode page = api.search(query, 10);
                last.set(page);
                assertThat(page.path("total").asLong()).as("total").isEqualTo(1);
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          e.getMessage() + "\nlast answer: " + last.get() + "\n" + diagnostics.get(), e);
    }
    System.out.printf(
        "search for %s found its message after %d ms%n",
        query, (System.nanoTime() - startNanos) / 1_000_000);
    return last.get().path("hits").get(0);
  }

  @Override
  public void close() {
    outpost.close();
  }
}
