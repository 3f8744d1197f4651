package outpost.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class HeartbeatTest {
  static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  static Path fixture() throws URISyntaxException {
    return Path.of(HeartbeatTest.class.getResource("/proc/loadavg").toURI()).getParent();
  }

  @Test
  void carriesLoadMemoryCountersAndRealMountsInStructuredData() throws Exception {
    AgentCounters counters = new AgentCounters();
    counters.sent.set(42);
    counters.spooled.set(7);
    counters.unspoolable.set(3);
    counters.rejected.set(2);
    Heartbeat hb =
        new Heartbeat(
            new Rfc5424Writer(1, 6, "web-1", "99"),
            new SystemStats(fixture()),
            InstantSource.fixed(T),
            Duration.ofSeconds(30),
            counters,
            null);
    String m = new String(hb.heartbeat(), StandardCharsets.UTF_8);
    assertThat(m)
        .matches(
            "<14>1 2026-11-23T10:00:00\\.000000Z web-1 outpost-agent 99 HEARTBEAT "
                + "\\[outpost@32473 interval_s=\"30\" load1=\"0\\.12\" load5=\"0\\.10\""
                + " load15=\"0\\.05\" mem_total_kb=\"8000000\" mem_available_kb=\"5000000\""
                + " lines_sent=\"42\" lines_spooled=\"7\" lines_dropped=\"3\""
                + " lines_rejected=\"2\"\\]"
                + "\\[outpost-disk@32473 mount=\"/\" used_pct=\"\\d{1,3}\"\\]"
                + " alive: load 0\\.12 0\\.10 0\\.05, memory 4882 of 7812 MiB available,"
                + " disk / \\d+%; lines sent 42, spooled 7, dropped 3");
  }

  @Test
  void goodbyeNamesItsReason() {
    String m =
        new String(
            Heartbeat.goodbye(
                new Rfc5424Writer(1, 6, "web-1", "99"), InstantSource.fixed(T), "shutdown"),
            StandardCharsets.UTF_8);
    assertThat(m)
        .startsWith(
            "<14>1 2026-11-23T10:00:00.000000Z web-1 outpost-agent 99 GOODBYE"
                + " [outpost@32473 reason=\"shutdown\"] goodbye");
  }

  @Test
  void unescapesOctalInMountPoints() {
    assertThat(SystemStats.unescape("/mnt/my\\040disk\\134x")).isEqualTo("/mnt/my disk\\x");
  }
}
