package outpost.server;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test support for backup and restore: an Outpost started in this JVM on a given data directory
 * (with an optional checks file), a steady TCP sender of numbered messages, the command line run
 * in-process, and the check board read through the HTTP API. Close it when done.
 */
final class BackupServer implements AutoCloseable {
  private static final Pattern NUMBER = Pattern.compile("msgno(\\d+)");

  final Outpost outpost;
  final ApiClient api;
  final Map<String, String> env;

  private BackupServer(Outpost outpost, Map<String, String> env) {
    this.outpost = outpost;
    this.api = new ApiClient(outpost.webPort());
    this.env = env;
  }

  /** The environment that points Outpost at {@code dataDir}, everything on 127.0.0.1:0. */
  static Map<String, String> env(Path dataDir, Path checksFile) {
    Map<String, String> env = new HashMap<>();
    env.put("OUTPOST_DATA_DIR", dataDir.toString());
    env.put("OUTPOST_SYSLOG_BIND", "127.0.0.1");
    env.put("OUTPOST_SYSLOG_UDP_PORT", "0");
    env.put("OUTPOST_SYSLOG_TCP_PORT", "0");
    env.put("OUTPOST_WEB_BIND", "127.0.0.1");
    env.put("OUTPOST_WEB_PORT", "0");
    env.put("OUTPOST_ADMIN_PASSWORD", ApiClient.ADMIN_PASSWORD);
    // commits during the test, so a backup holds both committed partitions and a journal tail
    env.put("OUTPOST_STORE_COMMIT_INTERVAL_SECONDS", "1");
    if (checksFile == null) {
      env.put("OUTPOST_ALERTS_ENABLED", "false");
    } else {
      env.put("OUTPOST_ALERTS_CHECKS_FILE", checksFile.toString());
    }
    return env;
  }

  static BackupServer start(Path dataDir, Path checksFile) {
    Map<String, String> env = env(dataDir, checksFile);
    return new BackupServer(Outpost.start(OutpostConfig.load(null, env)), env);
  }

  /** What a command printed and returned. */
  record Cli(int exit, String out, String err) {}

  /** Runs {@code outpost backup|restore ...} in this JVM with {@code env}. */
  static Cli cli(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        BackupCommand.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Cli(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Sends numbered messages {@code msgno1, msgno2, ...} of run {@code run} over one TCP link. */
  static final class Sender implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final String run;
    private final AtomicInteger sent = new AtomicInteger();
    private final ScheduledExecutorService pace =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("test-sender").daemon().unstarted(r));

    Sender(int tcpPort, String run) throws IOException {
      this.socket = new Socket(InetAddress.getLoopbackAddress(), tcpPort);
      this.out = socket.getOutputStream();
      this.run = run;
    }

    /** Sends {@code perTick} messages every 10 ms until closed. */
    Sender steady(int perTick) {
      pace.scheduleAtFixedRate(() -> send(perTick), 0, 10, MILLISECONDS);
      return this;
    }

    synchronized void send(int count) {
      try {
        for (int i = 0; i < count; i++) {
          int n = sent.incrementAndGet();
          byte[] msg =
              ("<14>1 "
                      + Instant.now().truncatedTo(ChronoUnit.MILLIS)
                      + " backup-test app - - - "
                      + run
                      + " msgno"
                      + n
                      + " end")
                  .getBytes(StandardCharsets.UTF_8);
          out.write((msg.length + " ").getBytes(StandardCharsets.US_ASCII));
          out.write(msg);
        }
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    int sent() {
      return sent.get();
    }

    @Override
    public void close() throws IOException {
      pace.shutdownNow();
      synchronized (this) {
        socket.close();
      }
    }
  }

  /** Waits until message {@code n} of the run is searchable. */
  void awaitSearchable(int n) {
    await("message msgno" + n + " searchable")
        .atMost(30, SECONDS)
        .pollInterval(100, MILLISECONDS)
        .untilAsserted(() -> assertThat(api.total("msgno" + n)).isEqualTo(1));
  }

  /** The message numbers of {@code run} that are searchable. */
  java.util.Set<Integer> numbers(String run) {
    java.util.Set<Integer> found = new java.util.HashSet<>();
    for (JsonNode hit : api.allHits(run)) {
      Matcher m = NUMBER.matcher(hit.toString());
      if (m.find()) {
        found.add(Integer.parseInt(m.group(1)));
      }
    }
    return found;
  }

  /** The check board: "host/service" to "id status acked". */
  Map<String, String> checks() {
    JsonNode board = get("/api/checks");
    Map<String, String> out = new TreeMap<>();
    for (JsonNode c : board.get("checks")) {
      out.put(
          c.get("host").asText() + "/" + c.get("service").asText(),
          c.get("id").asText()
              + " "
              + c.get("status").asText()
              + (c.path("acknowledgement").isObject() ? " acked" : ""));
    }
    return out;
  }

  JsonNode get(String path) {
    HttpResponse<String> r = api.get("http://127.0.0.1:" + outpost.webPort() + path, true);
    assertThat(r.statusCode()).as("GET " + path + ": " + r.body()).isEqualTo(200);
    return ApiClient.parse(r.body());
  }

  /** Acknowledges check {@code id} as admin. */
  void acknowledge(String id) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + outpost.webPort() + "/api/checks/" + id + "/ack"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            ("admin:" + ApiClient.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"comment\":\"known, backup test\"}"))
            .build();
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
  }

  @Override
  public void close() {
    outpost.close();
  }
}
