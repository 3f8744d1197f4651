package outpost.agents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the agent's heartbeat and goodbye messages (APP-NAME {@value #APP_NAME}, MSGID {@value
 * #HEARTBEAT} or {@value #GOODBYE}). A heartbeat's structured data carries load, memory, agent
 * counters ({@code outpost@32473}) and disk use per mount ({@code outpost-disk@32473}), and its
 * message says the same for people. Thread-safe.
 */
public final class Heartbeat {
  public static final String APP_NAME = "outpost-agent";
  public static final String HEARTBEAT = "HEARTBEAT";
  public static final String GOODBYE = "GOODBYE";

  /** Private enterprise number used in SD-IDs (the example number of RFC 5424 is 32473). */
  static final String SD_ID = "outpost@32473";

  static final String DISK_SD_ID = "outpost-disk@32473";

  private final Rfc5424Writer writer;
  private final SystemStats stats;
  private final InstantSource clock;
  private final Duration interval;
  private final AgentCounters counters;
  private final Spool spool;

  /** {@code spool} may be null (no spooled or dropped lines to report). */
  Heartbeat(
      Rfc5424Writer writer,
      SystemStats stats,
      InstantSource clock,
      Duration interval,
      AgentCounters counters,
      Spool spool) {
    this.writer = writer;
    this.stats = stats;
    this.clock = clock;
    this.interval = interval;
    this.counters = counters;
    this.spool = spool;
  }

  /** A heartbeat as of now. */
  byte[] heartbeat() throws IOException {
    SystemStats.Load load = stats.load();
    SystemStats.Memory mem = stats.memory();
    List<SystemStats.Disk> disks = stats.disks();
    long dropped = counters.unspoolable.get() + (spool == null ? 0 : spool.droppedRecords());
    List<Map.Entry<String, String>> params = new ArrayList<>();
    params.add(Map.entry("interval_s", Long.toString(interval.toSeconds())));
    params.add(Map.entry("load1", load.one()));
    params.add(Map.entry("load5", load.five()));
    params.add(Map.entry("load15", load.fifteen()));
    params.add(Map.entry("mem_total_kb", Long.toString(mem.totalKb())));
    params.add(Map.entry("mem_available_kb", Long.toString(mem.availableKb())));
    params.add(Map.entry("lines_sent", Long.toString(counters.sent.get())));
    params.add(Map.entry("lines_spooled", Long.toString(counters.spooled.get())));
    params.add(Map.entry("lines_dropped", Long.toString(dropped)));
    params.add(Map.entry("lines_rejected", Long.toString(counters.rejected.get())));
    StringBuilder sd = new StringBuilder(Rfc5424Writer.sdElement(SD_ID, params));
    List<Map.Entry<String, String>> diskParams = new ArrayList<>();
    StringBuilder diskText = new StringBuilder();
    for (SystemStats.Disk d : disks) {
      diskParams.add(Map.entry("mount", d.mount()));
      diskParams.add(Map.entry("used_pct", Integer.toString(d.usedPct())));
      diskText.append(diskText.isEmpty() ? "" : ", ").append(d.mount()).append(' ');
      diskText.append(d.usedPct()).append('%');
    }
    if (!diskParams.isEmpty()) {
      sd.append(Rfc5424Writer.sdElement(DISK_SD_ID, diskParams));
    }
    String text =
        String.format(
            Locale.ROOT,
            "alive: load %s %s %s, memory %d of %d MiB available, disk %s; lines sent %d,"
                + " spooled %d, dropped %d",
            load.one(),
            load.five(),
            load.fifteen(),
            mem.availableKb() / 1024,
            mem.totalKb() / 1024,
            diskText.isEmpty() ? "none" : diskText,
            counters.sent.get(),
            counters.spooled.get(),
            dropped);
    return writer.message(
        clock.instant(), APP_NAME, HEARTBEAT, sd.toString(), text.getBytes(StandardCharsets.UTF_8));
  }

  /** The goodbye sent on a planned shutdown: the server retires the host instead of alerting. */
  static byte[] goodbye(Rfc5424Writer writer, InstantSource clock, String reason) {
    String sd = Rfc5424Writer.sdElement(SD_ID, List.of(Map.entry("reason", reason)));
    return writer.message(
        clock.instant(),
        APP_NAME,
        GOODBYE,
        sd,
        ("goodbye: " + reason + ", this node leaves on purpose").getBytes(StandardCharsets.UTF_8));
  }
}
