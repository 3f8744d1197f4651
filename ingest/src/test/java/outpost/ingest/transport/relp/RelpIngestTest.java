package outpost.ingest.transport.relp;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import outpost.ingest.IngestConfig;
import outpost.ingest.IngestStatus;
import outpost.ingest.SyslogIngest;
import outpost.ingest.transport.CollectingSink;
import outpost.ingest.transport.FakeEventDecoder;

/** RELP as one of {@link SyslogIngest}'s listeners: configured, bound, counted, off by default. */
class RelpIngestTest {

  @Test
  void relpIsOffByDefault() {
    assertThat(IngestConfig.defaults().relpEnabled()).isFalse();
  }

  @Test
  void rejectsRelpPortOutsideRange() {
    assertThatThrownBy(() -> IngestConfig.defaults().withRelp(70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RELP port 70000 outside 0..65535 (or -1 to disable)");
  }

  @Test
  void receivesOverRelpAndReportsTheListener() throws Exception {
    CollectingSink sink = new CollectingSink();
    try (SyslogIngest ingest =
        new SyslogIngest(
            IngestConfig.defaults().withListeners("127.0.0.1", -1, -1).withRelp(0),
            null,
            null,
            null,
            new FakeEventDecoder(),
            sink,
            null,
            new SimpleMeterRegistry(),
            InstantSource.system())) {
      int port = ingest.start().relpPort();
      assertThat(port).isPositive();
      try (RelpTestClient client = new RelpTestClient(port)) {
        client.open();
        client.read();
        client.send("syslog", "<13>hello over relp");
        assertThat(client.read().data()).isEqualTo("200 OK");
      }

      assertThat(sink.events())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.message()).isEqualTo("<13>hello over relp");
                assertThat(e.transport()).isEqualTo("relp");
              });
      await()
          .atMost(5, SECONDS)
          .untilAsserted(
              () -> {
                IngestStatus.Listener relp = ingest.status().listeners().get(0);
                assertThat(relp.transport()).isEqualTo("relp");
                assertThat(relp.port()).isEqualTo(port);
                assertThat(relp.accepted()).isEqualTo(1);
              });
    }
  }

  @Test
  void configRejectsZeroPendingLimit() {
    assertThatThrownBy(() -> new RelpReceiverConfig("127.0.0.1", 0, 1024, 1, 0))
        .hasMessage("RELP pending acknowledgement limit 0 outside 1..65536");
  }
}
