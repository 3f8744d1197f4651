package outpost.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of accepted messages across {@code kill -9}: a separate Outpost process receives
 * messages over TCP, dies of SIGKILL, restarts on the same data directory, and must serve every
 * message its metrics called accepted, once. Unless a test needs commits, index commits are pushed
 * out of reach (one hour), so what survives comes from the journal replay, not from a Lucene
 * commit. The processes' logs stay in {@code target/crash-recovery-logs/} for a failure's
 * post-mortem.
 */
class CrashRecoveryTest {
  private static final int CONNECTIONS = 4;
  private static final Path LOGS = Path.of("target", "crash-recovery-logs");

  /** Index commits out of reach: what survives a kill must come from the journal. */
  private static final Map<String, String> NO_COMMITS =
      Map.of("OUTPOST_STORE_COMMIT_INTERVAL_SECONDS", "3600");

  /** Commits every second, so a kill can land between an index commit and its checkpoint. */
  private static final Map<String, String> FREQUENT_COMMITS =
      Map.of("OUTPOST_STORE_COMMIT_INTERVAL_SECONDS", "1");

  @TempDir Path tmp;

  private final String run = "r" + HexFormat.of().toHexDigits(new Random().nextInt());
  private final Pattern tokenPattern = Pattern.compile("\\b" + run + "c(\\d+)n(\\d+)\\b");
  private final List<ServerProcess> servers = new ArrayList<>();
  private final ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);
  private String testName;

  @BeforeEach
  void name(TestInfo info) {
    testName = info.getTestMethod().orElseThrow().getName();
  }

  @AfterEach
  void stop() {
    senders.shutdownNow();
    servers.forEach(ServerProcess::close);
  }

  @Test
  void everyAcceptedMessageIsSearchableAfterSigkillAndRestart() throws Exception {
    int perConnection = 5_000;
    int total = CONNECTIONS * perConnection;
    ServerProcess first = start("first");

    sendInParallel(first.tcpPort(), 0, perConnection);
    ApiClient api = new ApiClient(first.webPort());
    awaitAccepted(first, api, total);
    // No waiting for the indexer: whatever it has not indexed must come back from the journal.
    assertThat(first.kill()).as("exit value after SIGKILL").isEqualTo(ServerProcess.SIGKILL_EXIT);
    assertThat(journalSegments()).as("journal segments left by the killed process").isNotEmpty();

    ServerProcess second = start("second");
    ApiClient after = new ApiClient(second.webPort());
    awaitTotal(second, after, total);
    assertThat(after.metrics().sum(MetricNames.INDEX_DOCUMENTS))
        .as("documents the restarted store indexed: all of them came from the journal")
        .isEqualTo(total);
    assertExactlyOnce(after, total);
    Random random = new Random();
    for (int i = 0; i < 20; i++) {
      String token = token(random.nextInt(CONNECTIONS), random.nextInt(perConnection));
      JsonNode page = after.search(token, 10);
      assertThat(page.path("total").asLong()).as("hits for %s", token).isEqualTo(1);
      assertThat(page.path("hits").get(0).path("message").asText()).contains(token);
    }
  }

  @Test
  void sigkillWhileStreamingLosesNothingAcceptedAndDuplicatesNothing() throws Exception {
    int committed = 4_000;
    int streamedBeforeKill = 20_000;
    ServerProcess first = start("first", FREQUENT_COMMITS);
    ApiClient api = new ApiClient(first.webPort());
    // A first part reaches a Lucene commit while the journal still holds it: replay must skip it.
    sendInParallel(first.tcpPort(), 0, committed / CONNECTIONS);
    await("an index commit covering the first messages")
        .atMost(60, SECONDS)
        .until(() -> committedSeq(api) >= committed);

    AtomicBoolean stop = new AtomicBoolean();
    AtomicLongArray sent = new AtomicLongArray(CONNECTIONS);
    List<CompletableFuture<Void>> streams = new ArrayList<>();
    for (int c = 0; c < CONNECTIONS; c++) {
      int conn = c;
      streams.add(
          CompletableFuture.runAsync(
              () -> stream(first.tcpPort(), conn, committed / CONNECTIONS, stop, sent), senders));
    }
    await("messages accepted while streaming")
        .atMost(60, SECONDS)
        .until(() -> accepted(api) >= committed + streamedBeforeKill);
    long acceptedBeforeKill = accepted(api);
    int exit = first.kill();
    stop.set(true);
    CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).get(30, SECONDS);
    assertThat(exit).as("exit value after SIGKILL").isEqualTo(ServerProcess.SIGKILL_EXIT);
    long sentTotal = committed;
    for (int c = 0; c < CONNECTIONS; c++) {
      sentTotal += sent.get(c);
    }
    assertThat(sentTotal).as("still streaming at the kill").isGreaterThan(acceptedBeforeKill);

    ServerProcess second = start("second", FREQUENT_COMMITS);
    ApiClient after = new ApiClient(second.webPort());
    await("messages accepted before the kill are searchable")
        .atMost(60, SECONDS)
        .untilAsserted(
            () -> assertThat(after.total(run)).isGreaterThanOrEqualTo(acceptedBeforeKill));
    awaitReplayIndexed(second, after);
    long found = after.total(run);
    assertThat(found).isBetween(acceptedBeforeKill, sentTotal);
    assertExactlyOnce(after, found);
  }

  @Test
  void tornWriteAtJournalTailIsCutAndEverythingBeforeSurvives() throws Exception {
    int before = 2_000;
    ServerProcess first = start("first");
    ApiClient api = new ApiClient(first.webPort());
    sendInParallel(first.tcpPort(), 0, before / CONNECTIONS);
    awaitAccepted(first, api, before);
    // One more message in a batch (and so a journal record) of its own: the one the tear hits.
    String lastToken = run + "last";
    try (SyslogSender sender = new SyslogSender(first.tcpPort(), true)) {
      sender.send(SyslogSender.rfc5424("crash-host", "crashtest", run + " " + lastToken));
    }
    awaitAccepted(first, api, before + 1);
    first.kill();

    Path newest = newestSegment();
    long size = Files.size(newest);
    try (FileChannel ch = FileChannel.open(newest, StandardOpenOption.WRITE)) {
      ch.truncate(size - 5); // a torn write: the last record lost its final bytes
    }

    ServerProcess second = start("second");
    ApiClient after = new ApiClient(second.webPort());
    awaitTotal(second, after, before);
    assertThat(after.metrics().sum(MetricNames.INDEX_DOCUMENTS))
        .as("documents replayed from the journal")
        .isEqualTo(before);
    assertExactlyOnce(after, before);
    assertThat(after.total(lastToken)).as("the torn record").isZero();
    assertTailCutReported(second, after, newest);
    assertThat(Files.size(newest)).as("segment cut at the last whole record").isLessThan(size - 5);

    // The store keeps working on the repaired journal, and the repair survives another crash.
    sendInParallel(second.tcpPort(), before, 10); // new sequence numbers
    awaitAccepted(second, after, CONNECTIONS * 10);
    second.kill();
    ServerProcess third = start("third");
    ApiClient last = new ApiClient(third.webPort());
    awaitTotal(third, last, before + CONNECTIONS * 10);
    assertExactlyOnce(last, before + CONNECTIONS * 10);
  }

  @Test
  void garbageAfterTheLastJournalRecordIsCutAndNothingIsLost() throws Exception {
    int count = 2_000;
    ServerProcess first = start("first");
    ApiClient api = new ApiClient(first.webPort());
    sendInParallel(first.tcpPort(), 0, count / CONNECTIONS);
    awaitAccepted(first, api, count);
    first.kill();

    Path newest = newestSegment();
    long size = Files.size(newest);
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);
    Files.write(newest, garbage, StandardOpenOption.APPEND);

    ServerProcess second = start("second");
    ApiClient after = new ApiClient(second.webPort());
    awaitTotal(second, after, count);
    assertExactlyOnce(after, count);
    assertTailCutReported(second, after, newest);
    assertThat(Files.size(newest)).as("segment cut back to its last record").isEqualTo(size);
  }

  private ServerProcess start(String name) throws IOException {
    return start(name, NO_COMMITS);
  }

  private ServerProcess start(String name, Map<String, String> env) throws IOException {
    ServerProcess server =
        ServerProcess.start(tmp.resolve("data"), LOGS, testName + "-" + name, env);
    servers.add(server);
    return server;
  }

  private String token(int connection, int seq) {
    return run + "c" + connection + "n" + seq;
  }

  private String message(int connection, int seq) {
    return SyslogSender.rfc5424(
        "crash-host-" + connection,
        "crashtest",
        "crash " + run + " " + token(connection, seq) + " padding to a realistic length");
  }

  /**
   * Sends messages {@code firstSeq..firstSeq+perConnection-1} on each of the connections at once.
   */
  private void sendInParallel(int port, int firstSeq, int perConnection) throws Exception {
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int c = 0; c < CONNECTIONS; c++) {
      int conn = c;
      done.add(
          CompletableFuture.runAsync(
              () -> {
                // alternate RFC 6587 framings across connections
                try (SyslogSender sender = new SyslogSender(port, conn % 2 == 0)) {
                  for (int i = firstSeq; i < firstSeq + perConnection; i++) {
                    sender.send(message(conn, i));
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              senders));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, SECONDS);
  }

  /**
   * Streams from {@code firstSeq} until {@code stop} or the server dies, counting what it wrote.
   */
  private void stream(int port, int conn, int firstSeq, AtomicBoolean stop, AtomicLongArray sent) {
    try (SyslogSender sender = new SyslogSender(port, conn % 2 == 0)) {
      for (int i = 0; i < 1_000_000 && !stop.get(); i++) {
        sender.send(message(conn, firstSeq + i));
        if (i % 100 == 99) {
          sender.flush();
        }
        // counted once handed to the buffer: an upper bound of what the server can have seen
        sent.set(conn, i + 1);
      }
    } catch (IOException expected) {
      // the server was killed mid-stream: that is the point
    }
  }

  /** Both {@code /health} and the log name the segment whose corrupt tail was cut at start. */
  private static void assertTailCutReported(ServerProcess server, ApiClient api, Path segment) {
    JsonNode truncations =
        ApiClient.parse(api.health().body())
            .path("components")
            .path("index")
            .path("details")
            .path("journalTruncations");
    assertThat(truncations).as("/health journalTruncations").hasSize(1);
    assertThat(truncations.get(0).asText()).contains(segment.getFileName().toString(), "truncated");
    assertThat(server.stderr())
        .as("the log")
        .contains("WARN")
        .contains(segment.getFileName().toString());
  }

  /** The store's committed journal position from {@code /health}. */
  private static long committedSeq(ApiClient api) {
    JsonNode health = ApiClient.parse(api.health().body());
    return health.path("components").path("index").path("details").path("committedSeq").asLong();
  }

  private static long accepted(ApiClient api) {
    return (long) api.metrics().sum(MetricNames.ACCEPTED);
  }

  private static void awaitAccepted(ServerProcess server, ApiClient api, long expected) {
    try {
      await("accepted (journaled) messages")
          .atMost(60, SECONDS)
          .until(() -> accepted(api) >= expected);
      assertThat(accepted(api)).as("accepted messages").isEqualTo(expected);
    } catch (RuntimeException | AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + server.logs(), e);
    }
  }

  private void awaitTotal(ServerProcess server, ApiClient api, long expected) {
    try {
      await("search total for the run")
          .atMost(60, SECONDS)
          .untilAsserted(() -> assertThat(api.total(run)).isEqualTo(expected));
    } catch (RuntimeException | AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + server.logs(), e);
    }
  }

  /** Waits until the replayed journal is indexed: the search total stops changing. */
  private void awaitReplayIndexed(ServerProcess server, ApiClient api) {
    long[] last = {-1};
    try {
      await("search total stable after replay")
          .atMost(60, SECONDS)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                long now = api.total(run);
                boolean stable = now == last[0];
                last[0] = now;
                return stable;
              });
    } catch (RuntimeException e) {
      throw new AssertionError(e.getMessage() + "\n" + server.logs(), e);
    }
  }

  /** Pages through every hit of the run: {@code expected} of them, unique ids, unique tokens. */
  private void assertExactlyOnce(ApiClient api, long expected) {
    List<JsonNode> hits = api.allHits(run);
    Set<String> ids = new HashSet<>();
    Set<String> tokens = new HashSet<>();
    for (JsonNode hit : hits) {
      ids.add(hit.path("id").asText());
      Matcher m = tokenPattern.matcher(hit.path("message").asText());
      if (m.find()) {
        tokens.add(m.group());
      } else {
        assertThat(hit.path("message").asText()).contains(run);
        tokens.add(hit.path("message").asText());
      }
    }
    assertThat(hits).as("hits paged through").hasSize((int) expected);
    assertThat(ids).as("distinct ids").hasSize((int) expected);
    assertThat(tokens).as("distinct tokens (no message stored twice)").hasSize((int) expected);
  }

  private List<Path> journalSegments() throws IOException {
    Path dir = tmp.resolve("data").resolve("journal");
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().matches("segment-\\d{20}\\.wal"))
          .sorted()
          .toList();
    }
  }

  /** The active segment: names carry the first sequence number, zero-padded, so sort works. */
  private Path newestSegment() throws IOException {
    List<Path> segments = journalSegments();
    assertThat(segments).as("journal segments").isNotEmpty();
    return segments.getLast();
  }
}
