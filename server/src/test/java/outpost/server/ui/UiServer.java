package outpost.server.ui;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import outpost.server.Outpost;
import outpost.server.OutpostConfig;

/**
 * The whole Outpost server for browser and HTTP security tests: started in this JVM with syslog and
 * web on 127.0.0.1 port 0, a temp data directory and the admin password {@link #ADMIN_PASSWORD}.
 * {@link #start} returns once a warm-up message sent over TCP is searchable, so the first message a
 * test sends does not pay for class loading. Close it when done (safe twice).
 */
final class UiServer implements AutoCloseable {
  static final String ADMIN_USER = "admin";
  static final String ADMIN_PASSWORD = "browser-test-password";

  /** How long a sent message may take to become searchable before the test fails. */
  static final long SEARCHABLE_WITHIN_SECONDS = 15;

  private static final long WARM_UP_WITHIN_SECONDS = 60;

  private final Outpost outpost;
  private final UiApi api;

  private UiServer(Outpost outpost) {
    this.outpost = outpost;
    this.api = new UiApi(baseUrl(outpost.webPort()), ADMIN_USER, ADMIN_PASSWORD);
  }

  static UiServer start(Path dataDir) {
    return start(dataDir, Map.of());
  }

  /** Starts with {@code extraEnv} added to (or overriding) the OUTPOST_* variables above. */
  static UiServer start(Path dataDir, Map<String, String> extraEnv) {
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "OUTPOST_DATA_DIR", dataDir.toString(),
                "OUTPOST_SYSLOG_BIND", "127.0.0.1",
                "OUTPOST_SYSLOG_UDP_PORT", "0",
                "OUTPOST_SYSLOG_TCP_PORT", "0",
                "OUTPOST_WEB_BIND", "127.0.0.1",
                "OUTPOST_WEB_PORT", "0",
                "OUTPOST_ADMIN_PASSWORD", ADMIN_PASSWORD));
    env.putAll(extraEnv);
    OutpostConfig config = OutpostConfig.load(null, env);
    UiServer server = new UiServer(Outpost.start(config));
    try {
      server.awaitWarmedUp();
    } catch (RuntimeException | AssertionError e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitWarmedUp() {
    String token = token("warm");
    try (SyslogTcp syslog = new SyslogTcp(tcpPort())) {
      syslog.send(
          SyslogTcp.rfc5424(Instant.now(), 14, "outpost-test", "warm-up", "ready " + token));
    } catch (IOException e) {
      throw new UncheckedIOException("sending the warm-up message", e);
    }
    await("Outpost to find the warm-up message sent over TCP")
        .atMost(WARM_UP_WITHIN_SECONDS, SECONDS)
        .pollInterval(100, MILLISECONDS)
        .untilAsserted(() -> assertThat(api.total(token)).isEqualTo(1));
  }

  /** Waits until {@code query} (over the last day) finds exactly {@code count} events. */
  void awaitSearchable(String query, long count) {
    await("a search for " + query + " to find " + count + " events")
        .atMost(SEARCHABLE_WITHIN_SECONDS, SECONDS)
        .pollInterval(100, MILLISECONDS)
        .untilAsserted(() -> assertThat(api.total(query)).as(query).isEqualTo(count));
  }

  /** A word that occurs nowhere else, lower case letters and digits only. */
  static String token(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  private static String baseUrl(int port) {
    return "http://127.0.0.1:" + port;
  }

  /** {@code http://127.0.0.1:PORT}, no trailing slash. */
  String baseUrl() {
    return baseUrl(outpost.webPort());
  }

  /** The absolute URL of {@code pathAndQuery}, which starts with a slash. */
  String url(String pathAndQuery) {
    return baseUrl() + pathAndQuery;
  }

  int tcpPort() {
    return outpost.tcpPort();
  }

  int udpPort() {
    return outpost.udpPort();
  }

  /** An API client logged in as admin with HTTP Basic. */
  UiApi api() {
    return api;
  }

  @Override
  public void close() {
    outpost.close();
  }
}
