package outpost.ingest.transport.relp;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import outpost.index.LuceneLogStore;
import outpost.index.SearchRequest;
import outpost.index.StoreConfig;
import outpost.ingest.IngestMetrics;
import outpost.ingest.syslog.ParserConfig;
import outpost.ingest.syslog.SyslogEventDecoder;

/**
 * A RELP receiver on a real socket in front of a real store: messages are acknowledged once
 * journaled, and after a restart on the same data directory a sender's resend of messages that were
 * journaled but (as far as the sender knows) never acknowledged is answered but not stored twice.
 */
class RelpReceiverTest {
  @TempDir Path dataDir;

  private final InstantSource clock = InstantSource.system();
  private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private SimpleMeterRegistry registry;
  private LuceneLogStore store;
  private RelpReceiver receiver;

  @AfterEach
  void close() throws Exception {
    stop();
  }

  @Test
  void recognisesResendsOfJournaledMessagesAfterARestart() throws Exception {
    int port = start();
    List<String> first = messages(0, 50);
    try (RelpTestClient client = new RelpTestClient(port)) {
      client.open();
      assertThat(client.read().data()).startsWith("200 OK");
      for (String m : first) {
        client.send("syslog", m);
      }
      for (int i = 0; i < first.size(); i++) {
        assertThat(client.read().data()).isEqualTo("200 OK");
      }
    }
    stop(); // the sender never saw those answers, as far as it knows: it resends all 50

    start();
    List<String> resent = new ArrayList<>(first);
    resent.addAll(messages(50, 60));
    try (RelpTestClient client = new RelpTestClient(receiver.port())) {
      client.open();
      client.read();
      for (String m : resent) {
        client.send("syslog", m);
      }
      for (int i = 0; i < resent.size(); i++) {
        RelpTestClient.Response r = client.read();
        assertThat(r.txnr()).isEqualTo(i + 2);
        assertThat(r.data()).isEqualTo("200 OK");
      }
      int close = client.send("close", "");
      assertThat(client.read()).isEqualTo(new RelpTestClient.Response(close, "rsp", ""));
    }

    // searchable within the refresh interval, and no second copy shows up later
    await().during(Duration.ofSeconds(1)).atMost(10, SECONDS).until(() -> stored() == 60);
    assertThat(registry.counter(IngestMetrics.RELP_DUPLICATES, "transport", "relp").count())
        .isEqualTo(50);
  }

  @Test
  void keepsMessagesRepeatedAfterTheSessionStart() throws Exception {
    int port = start();
    String same = messages(0, 1).get(0);
    try (RelpTestClient client = new RelpTestClient(port)) {
      client.open();
      client.read();
      client.send("syslog", same);
      client.read();
    }
    try (RelpTestClient client = new RelpTestClient(port)) {
      client.open();
      client.read();
      client.send("syslog", same); // a resend: same sender, other session
      client.send("syslog", same); // a repetition within this session: kept
      assertThat(client.read().data()).isEqualTo("200 OK");
      assertThat(client.read().data()).isEqualTo("200 OK");
    }

    await().during(Duration.ofSeconds(1)).atMost(10, SECONDS).until(() -> stored() == 2);
  }

  private List<String> messages(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(
          "<14>1 " + base.plusMillis(i) + " node-1 app 42 - - relp message " + i + " of the test");
    }
    return out;
  }

  private long stored() {
    return store
        .search(
            new SearchRequest(
                "transport:relp", base.minusSeconds(60), base.plusSeconds(60), 1000, ""))
        .total();
  }

  private int start() throws Exception {
    registry = new SimpleMeterRegistry();
    store = LuceneLogStore.open(StoreConfig.defaults(dataDir), clock, registry);
    receiver =
        new RelpReceiver(
            new RelpReceiverConfig("127.0.0.1", 0, 64 * 1024, 1, 64),
            new SyslogEventDecoder(ParserConfig.defaults()),
            store,
            new StoreJournaledLookup(store),
            registry,
            clock);
    return receiver.start();
  }

  private void stop() throws Exception {
    if (receiver != null) {
      receiver.close();
      receiver = null;
    }
    if (store != null) {
      store.close();
      store = null;
    }
  }
}
