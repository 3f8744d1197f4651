package outpost.server.relp;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.server.peers.PeerProcess;
import outpost.server.peers.PeerPrograms;

/**
 * A real rsyslogd reads 100,000 numbered lines from a file (imfile) and forwards them with {@code
 * omrelp}; Outpost is SIGKILLed mid-stream and restarted on the same data directory and port.
 * rsyslog resends what was not acknowledged, some of which Outpost had journaled before it died.
 * Every number must be searchable exactly once: the resends are recognised, not stored twice. Index
 * commits are out of reach, so what survives the kill comes from the journal replay.
 */
class RsyslogRelpSigkillTest {
  private static final int MESSAGES = 100_000;
  private static final Path LOGS = Path.of("target", "relp-logs");
  private static final Pattern ACCEPTED =
      Pattern.compile("(?m)^outpost_ingest_accepted\\S*\\{[^}]*transport=\"relp\"[^}]*\\} (\\S+)$");

  @TempDir Path tmp;

  private final String run = "relp" + HexFormat.of().toHexDigits(new Random().nextInt());
  private final Pattern numbered = Pattern.compile("\\b" + run + " n(\\d+)\\b");
  private final AtomicReference<OutpostJvm> outpost = new AtomicReference<>();
  private PeerProcess rsyslog;

  @AfterEach
  void stop() {
    if (rsyslog != null) {
      rsyslog.close();
    }
    OutpostJvm jvm = outpost.get();
    if (jvm != null) {
      jvm.close();
    }
  }

  @Test
  void everyMessageIsSearchableOnceAfterSigkillAndRestartMidStream() throws Exception {
    Path data = tmp.resolve("data");
    int relpPort = freePort();
    Map<String, String> env = Map.of("OUTPOST_STORE_COMMIT_INTERVAL_SECONDS", "3600");
    OutpostJvm first = OutpostJvm.start(data, relpPort, LOGS, "first", env);
    outpost.set(first);
    Path input = tmp.resolve("input.log");
    Files.write(
        input,
        IntStream.range(0, MESSAGES).mapToObj(n -> run + " n" + n).toList(),
        StandardCharsets.UTF_8);

    rsyslog = startRsyslog(input, relpPort);
    SearchApi before = new SearchApi(first.webPort());
    AtomicLong journaled = new AtomicLong();
    await("a fifth of the messages journaled before the kill")
        .atMost(90, SECONDS)
        .pollInterval(50, MILLISECONDS)
        .until(() -> journaled.updateAndGet(n -> accepted(before)) >= MESSAGES / 5);
    assertThat(first.kill()).isEqualTo(137);
    long beforeKill = journaled.get();

    OutpostJvm second = OutpostJvm.start(data, relpPort, LOGS, "second", env);
    outpost.set(second);
    SearchApi after = new SearchApi(second.webPort());
    await("every message searchable after the restart")
        .atMost(150, SECONDS)
        .pollInterval(1, SECONDS)
        .untilAsserted(
            () -> {
              rsyslog.assertAlive();
              assertThat(after.total(run)).isGreaterThanOrEqualTo(MESSAGES);
            });

    List<String> messages = after.messages(run);
    Set<Integer> numbers = new TreeSet<>();
    for (String message : messages) {
      Matcher m = numbered.matcher(message);
      assertThat(m.find()).as("numbered message: %s", message).isTrue();
      numbers.add(Integer.parseInt(m.group(1)));
    }
    String duplicates =
        after
            .metrics()
            .lines()
            .filter(l -> l.startsWith("outpost_ingest_relp_"))
            .collect(Collectors.joining("; "));
    System.out.printf(
        "RELP kill test: at least %d journaled before the kill, %d searchable after; %s%n",
        beforeKill, messages.size(), duplicates);
    assertThat(beforeKill).as("killed mid-stream").isLessThan(MESSAGES);
    assertThat(numbers).as("distinct numbers").hasSize(MESSAGES);
    assertThat(messages).as("searchable messages, resends not counted twice").hasSize(MESSAGES);
    assertThat(after.total(run)).isEqualTo(MESSAGES);
  }

  /** Messages the store confirmed durable over RELP, from {@code /metrics}. */
  private static long accepted(SearchApi api) {
    Matcher m = ACCEPTED.matcher(api.metrics());
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }

  private PeerProcess startRsyslog(Path input, int relpPort) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("rsyslog"));
    Path work = Files.createDirectories(dir.resolve("work"));
    Path config = dir.resolve("rsyslog.conf");
    // imfile reads the whole file into the ruleset's queue; omrelp forwards it with a window of
    // 1024 unacknowledged frames and retries forever (every second) while Outpost is down.
    Files.writeString(
        config,
        """
        global(workDirectory="%s")
        module(load="imfile")
        module(load="omrelp")
        input(type="imfile" file="%s" tag="relpcheck" ruleset="forward")
        ruleset(name="forward" queue.type="LinkedList" queue.size="%d") {
          action(type="omrelp" target="127.0.0.1" port="%d" template="RSYSLOG_ForwardFormat"
                 windowSize="1024" action.resumeRetryCount="-1" action.resumeInterval="1")
        }
        *.* action(type="omfile" file="%s")
        """
            .formatted(work, input, MESSAGES * 2, relpPort, dir.resolve("internal.log")));
    return PeerProcess.start(
        "rsyslogd",
        List.of(
            PeerPrograms.rsyslogd().toString(),
            "-n",
            "-f",
            config.toString(),
            "-i",
            dir.resolve("rsyslogd.pid").toString()),
        dir,
        Map.of());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }
}
