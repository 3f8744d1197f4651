package outpost.alerts.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.alerts.PassiveResult;
import outpost.alerts.check.Status;
import outpost.index.LogEvent;
import outpost.index.LogTail;
import outpost.index.StoredEvent;
import outpost.index.TailSubscription;

/**
 * Turns the Outpost agent's heartbeats (RFC 5424, APP-NAME {@code outpost-agent}, MSGID {@code
 * HEARTBEAT}) from the live tail into passive results for service {@code heartbeat} of the sending
 * host, creating that passive check with a staleness of three intervals. Closed by the engine.
 */
final class HeartbeatListener implements AutoCloseable {
  static final String QUERY = "app:outpost-agent AND msgid:HEARTBEAT";
  static final int CAPACITY = 10_000;
  static final String SD = "sd.outpost@32473.";
  static final String DISK = "sd.outpost-disk@32473.";
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  static final long MAX_INTERVAL_S = 86_400;

  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatListener.class);

  private final LogTail tail;
  private final BiConsumer<PassiveResult, Duration> sink;
  private volatile boolean closed;
  private TailSubscription subscription;
  private Thread thread;

  /**
   * @param sink receives each heartbeat as a passive result and the agent's interval
   */
  HeartbeatListener(LogTail tail, BiConsumer<PassiveResult, Duration> sink) {
    this.tail = tail;
    this.sink = sink;
  }

  synchronized void start() {
    subscription = tail.subscribe(QUERY, CAPACITY);
    thread = Thread.ofPlatform().name("outpost-alerts-heartbeats").daemon().start(this::run);
  }

  private void run() {
    while (!closed) {
      try {
        for (StoredEvent e : subscription.poll(1_000, Duration.ofMillis(500))) {
          handle(e.event());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("heartbeat could not be applied", e);
      }
    }
  }

  /** Applies one heartbeat; events that are not one are ignored. */
  void handle(LogEvent e) {
    if (!e.app().equals("outpost-agent") || !e.msgId().equals("HEARTBEAT") || e.host().isBlank()) {
      return;
    }
    sink.accept(
        new PassiveResult(e.host(), BuiltInChecks.HEARTBEAT, Status.OK, text(e.fields())),
        interval(e.fields()));
  }

  static Duration interval(Map<String, String> f) {
    try {
      long s = Long.parseLong(f.getOrDefault(SD + "interval_s", "").strip());
      return s >= 1 && s <= MAX_INTERVAL_S ? Duration.ofSeconds(s) : DEFAULT_INTERVAL;
    } catch (NumberFormatException e) {
      return DEFAULT_INTERVAL;
    }
  }

  /** {@code load 0.12 0.10 0.05, mem 43% used, disk / 41%, /var 12%|perfdata}. */
  static String text(Map<String, String> f) {
    List<String> parts = new ArrayList<>();
    List<String> perf = new ArrayList<>();
    String l1 = f.get(SD + "load1");
    String l5 = f.get(SD + "load5");
    String l15 = f.get(SD + "load15");
    if (number(l1) && number(l5) && number(l15)) {
      parts.add("load " + l1.strip() + " " + l5.strip() + " " + l15.strip());
      perf.add("load1=" + l1.strip());
      perf.add("load5=" + l5.strip());
      perf.add("load15=" + l15.strip());
    }
    String total = f.get(SD + "mem_total_kb");
    String avail = f.get(SD + "mem_available_kb");
    if (number(total) && number(avail) && Double.parseDouble(total) > 0) {
      long pct = Math.round(100 * (1 - Double.parseDouble(avail) / Double.parseDouble(total)));
      parts.add("mem " + pct + "% used");
      perf.add("mem_used=" + pct + "%;;;0;100");
    }
    List<String> disks = disks(f, perf);
    if (!disks.isEmpty()) {
      parts.add("disk " + String.join(", ", disks));
    }
    for (String counter :
        List.of("lines_sent", "lines_spooled", "lines_dropped", "lines_rejected")) {
      String v = f.get(SD + counter);
      if (number(v)) {
        perf.add(counter + "=" + v.strip() + "c");
      }
    }
    String out = parts.isEmpty() ? "heartbeat" : String.join(", ", parts);
    return perf.isEmpty() ? out : out + "|" + String.join(" ", perf);
  }

  private static List<String> disks(Map<String, String> f, List<String> perf) {
    List<String> out = new ArrayList<>();
    String mounts = f.get(DISK + "mount");
    String used = f.get(DISK + "used_pct");
    if (mounts == null || used == null) {
      return out;
    }
    String[] m = mounts.split(", ");
    String[] u = used.split(", ");
    for (int i = 0; i < Math.min(m.length, u.length); i++) {
      if (!m[i].isBlank() && number(u[i]) && !m[i].contains("'") && !m[i].contains("=")) {
        out.add(m[i].strip() + " " + u[i].strip() + "%");
        perf.add("'" + m[i].strip() + "'=" + u[i].strip() + "%;;;0;100");
      }
    }
    return out;
  }

  private static boolean number(String s) {
    if (s == null || s.isBlank()) {
      return false;
    }
    try {
      double d = Double.parseDouble(s.strip());
      return Double.isFinite(d) && !s.strip().toLowerCase(Locale.ROOT).contains("e");
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread t;
    TailSubscription s;
    synchronized (this) {
      t = thread;
      s = subscription;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (s != null) {
      s.close();
    }
  }
}
