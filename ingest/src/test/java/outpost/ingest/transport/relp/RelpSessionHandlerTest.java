package outpost.ingest.transport.relp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import outpost.index.LogEvent;
import outpost.index.Transport;
import outpost.ingest.IngestMetrics;
import outpost.ingest.transport.CountingEventDecoder;
import outpost.ingest.transport.FakeEventDecoder;
import outpost.ingest.transport.MeteredSink;

class RelpSessionHandlerTest {
  private static final String OPEN = frame(1, "open", "relp_version=0\ncommands=syslog\nx=y");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final IngestMetrics metrics = new IngestMetrics(registry, Transport.RELP);
  private final JournalGate store = new JournalGate();
  private final List<ByteBuf> written = new ArrayList<>();
  private final List<EmbeddedChannel> channels = new ArrayList<>();
  private final AtomicReference<JournaledLookup> lookup = new AtomicReference<>();
  private RelpDuplicates duplicates = duplicates(null);

  @AfterEach
  void released() {
    channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    duplicates.close();
    assertThat(written).allSatisfy(b -> assertThat(b.refCnt()).isZero());
  }

  @Test
  void answersOpenWithOffers() {
    EmbeddedChannel ch = session(16);

    write(ch, OPEN);

    assertThat(responses(ch))
        .containsExactly(
            "1 rsp 59 200 OK\nrelp_version=0\nrelp_software=outpost\ncommands=syslog\n");
  }

  @Test
  void acknowledgesOnlyAfterTheJournalAcceptedTheBatch() {
    EmbeddedChannel ch = opened(16);

    write(ch, syslog(2, "<13>a") + syslog(3, "<13>b"));

    assertThat(responses(ch)).isEmpty();
    assertThat(store.messages()).containsExactly("<13>a", "<13>b");
    store.journal(0);
    assertThat(responses(ch)).containsExactly(rsp(2, "200 OK"), rsp(3, "200 OK"));
  }

  @Test
  void answersInTransactionOrderWhenALaterBatchIsJournaledFirst() {
    EmbeddedChannel ch = opened(16);
    write(ch, syslog(2, "<13>a"));
    write(ch, syslog(3, "<13>b"));

    store.journal(1);
    assertThat(responses(ch)).isEmpty();
    store.journal(0);

    assertThat(responses(ch)).containsExactly(rsp(2, "200 OK"), rsp(3, "200 OK"));
  }

  @Test
  void answers500WhenTheJournalWriteFails() {
    EmbeddedChannel ch = opened(16);
    write(ch, syslog(2, "<13>a"));

    store.fail(0);

    assertThat(responses(ch))
        .containsExactly(rsp(2, "500 journal write failed, message not stored"));
    assertThat(ch.isActive()).isTrue();
  }

  @Test
  void wrapsTheTransactionNumberAfterTheLargest() {
    assertThat(RelpWire.next(RelpFrameDecoder.MAX_TXNR)).isEqualTo(1);
    assertThat(RelpWire.next(41)).isEqualTo(42);
  }

  @Test
  void rejectsTransactionNumberOutOfSequenceAndCloses() {
    EmbeddedChannel ch = opened(16);

    write(ch, syslog(3, "<13>a"));

    assertThat(responses(ch))
        .containsExactly(rsp(3, "500 transaction number 3 out of sequence, expected 2"));
    assertThat(ch.isOpen()).isFalse();
    assertThat(store.batches()).isEmpty();
    assertThat(count(IngestMetrics.RELP_PROTOCOL_ERRORS)).isEqualTo(1);
  }

  @Test
  void answersEarlierFramesBeforeTheErrorThatCloses() {
    EmbeddedChannel ch = opened(16);
    write(ch, syslog(2, "<13>a") + syslog(9, "<13>b"));
    assertThat(responses(ch)).isEmpty();

    store.journal(0);

    assertThat(responses(ch))
        .containsExactly(
            rsp(2, "200 OK"), rsp(9, "500 transaction number 9 out of sequence, expected 3"));
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void rejectsSyslogBeforeOpen() {
    EmbeddedChannel ch = session(16);

    write(ch, syslog(1, "<13>a"));

    assertThat(responses(ch)).containsExactly(rsp(1, "500 syslog before open"));
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void rejectsClientThatDoesNotOfferSyslog() {
    EmbeddedChannel ch = session(16);

    write(ch, frame(1, "open", "relp_version=0\ncommands=rsp"));

    assertThat(responses(ch))
        .containsExactly(rsp(1, "500 the client does not offer the syslog command"));
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void answersUnknownCommandAndKeepsTheSession() {
    EmbeddedChannel ch = opened(16);

    write(ch, "2 starttls 0\n" + syslog(3, "<13>a"));
    store.journalAll();

    assertThat(responses(ch))
        .containsExactly(rsp(2, "500 command 'starttls' not supported"), rsp(3, "200 OK"));
    assertThat(ch.isOpen()).isTrue();
  }

  @Test
  void answersFramingErrorWith500AndCloses() {
    EmbeddedChannel ch = opened(16);

    write(ch, "2 syslog 3 abcX");

    assertThat(responses(ch))
        .containsExactly(rsp(2, "500 expected the LF trailer after 3 data bytes, got 'X'"));
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void closesCleanlyAfterAnsweringClose() {
    EmbeddedChannel ch = opened(16);
    write(ch, syslog(2, "<13>a") + "3 close 0\n");
    assertThat(ch.isOpen()).isTrue();

    store.journal(0);

    assertThat(responses(ch)).containsExactly(rsp(2, "200 OK"), rsp(3, ""));
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void stopsReadingWhileTooManyFramesAreUnanswered() {
    EmbeddedChannel ch = opened(2);
    write(ch, syslog(2, "<13>a"));
    assertThat(ch.config().isAutoRead()).isTrue();

    write(ch, syslog(3, "<13>b"));
    assertThat(ch.config().isAutoRead()).isFalse();

    store.journalAll();
    assertThat(ch.config().isAutoRead()).isTrue();
    assertThat(responses(ch)).hasSize(2);
  }

  @Test
  void holdsTheBatchWhileTheStoreIsFull() {
    EmbeddedChannel ch = opened(16);
    store.full(true);

    write(ch, syslog(2, "<13>a"));
    assertThat(ch.config().isAutoRead()).isFalse();
    assertThat(store.batches()).isEmpty();

    store.full(false);
    ch.runPendingTasks();
    store.journalAll();

    assertThat(store.messages()).containsExactly("<13>a");
    assertThat(responses(ch)).containsExactly(rsp(2, "200 OK"));
    assertThat(ch.config().isAutoRead()).isTrue();
  }

  @Test
  void acknowledgesAResendOfAJournaledMessageWithoutStoringItAgain() {
    EmbeddedChannel first = opened(16);
    write(first, syslog(2, "<13>a") + syslog(3, "<13>b"));
    first.close(); // broken before the rsp went out
    store.journalAll();

    EmbeddedChannel second = opened(16);
    write(second, syslog(2, "<13>a") + syslog(3, "<13>b") + syslog(4, "<13>c"));
    store.journalAll();

    assertThat(store.messages()).containsExactly("<13>a", "<13>b", "<13>c");
    assertThat(responses(second))
        .containsExactly(rsp(2, "200 OK"), rsp(3, "200 OK"), rsp(4, "200 OK"));
    assertThat(count(IngestMetrics.RELP_DUPLICATES)).isEqualTo(2);
  }

  @Test
  void keepsARepetitionWithinOneSession() {
    EmbeddedChannel ch = opened(16);

    write(ch, syslog(2, "<13>same") + syslog(3, "<13>same"));
    write(ch, syslog(4, "<13>same"));

    assertThat(store.messages()).containsExactly("<13>same", "<13>same", "<13>same");
    assertThat(count(IngestMetrics.RELP_DUPLICATES)).isZero();
  }

  @Test
  void asksTheStoreAboutResendsFromBeforeARestart() {
    duplicates.close();
    duplicates = duplicates((events, before) -> found(events, "<13>old"));
    EmbeddedChannel ch = opened(16);

    write(ch, syslog(2, "<13>old") + syslog(3, "<13>new"));
    ch.runPendingTasks();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              ch.runPendingTasks();
              assertThat(store.messages()).containsExactly("<13>new");
            });
    store.journalAll();
    ch.runPendingTasks();

    assertThat(responses(ch)).containsExactly(rsp(2, "200 OK"), rsp(3, "200 OK"));
    assertThat(count(IngestMetrics.RELP_DUPLICATES)).isEqualTo(1);
  }

  private static Set<Integer> found(List<LogEvent> events, String raw) {
    Set<Integer> hits = new java.util.HashSet<>();
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).raw().equals(raw)) {
        hits.add(i);
      }
    }
    return hits;
  }

  private RelpDuplicates duplicates(JournaledLookup lookup) {
    return new RelpDuplicates(
        lookup,
        InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z")),
        registry.counter(IngestMetrics.RELP_DUPLICATES),
        registry.counter(IngestMetrics.RELP_LOOKUPS_SKIPPED));
  }

  private EmbeddedChannel session(int maxPending) {
    EmbeddedChannel ch =
        new EmbeddedChannel(
            new RelpFrameDecoder(1024),
            new RelpSessionHandler(
                new CountingEventDecoder(
                    new FakeEventDecoder(),
                    metrics,
                    InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z"))),
                new MeteredSink(store, metrics),
                duplicates,
                maxPending,
                registry.counter(IngestMetrics.RELP_PROTOCOL_ERRORS)));
    channels.add(ch);
    return ch;
  }

  private EmbeddedChannel opened(int maxPending) {
    EmbeddedChannel ch = session(maxPending);
    write(ch, OPEN);
    assertThat(responses(ch)).hasSize(1).first().asString().startsWith("1 rsp 59 200 OK");
    return ch;
  }

  private static String syslog(int txnr, String message) {
    return frame(txnr, "syslog", message);
  }

  private static String rsp(int txnr, String text) {
    int length = text.getBytes(StandardCharsets.UTF_8).length;
    return txnr + " rsp " + length + (length > 0 ? " " + text : "") + "\n";
  }

  private static String frame(int txnr, String command, String data) {
    return txnr + " " + command + " " + data.length() + " " + data + "\n";
  }

  private void write(EmbeddedChannel ch, String text) {
    ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    written.add(buf);
    ch.writeInbound(buf);
  }

  private static List<String> responses(EmbeddedChannel ch) {
    ch.runPendingTasks();
    List<String> out = new ArrayList<>();
    for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
      if (b.isReadable()) {
        out.add(b.toString(StandardCharsets.UTF_8));
      }
      b.release();
    }
    return out;
  }

  private double count(String name) {
    return registry.counter(name).count();
  }
}
