package outpost.alerts.check;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import outpost.index.HostDirectory;

/**
 * The {@code self} kind: Outpost watching itself, one {@code aspect} per check. {@code ingest}:
 * CRITICAL when no message was accepted for {@code max_silence} while active (not retired) senders
 * exist; {@code journal}: index lag (events) and journal backlog (bytes) against ranges; {@code
 * disk}: free space in percent, WARNING/CRITICAL below the thresholds; {@code notifications}:
 * notifications that failed permanently within {@code window}, against ranges. Thread-safe: the
 * remembered counts are guarded by the instance's lock.
 */
final class SelfCheck implements Check {
  static final Set<String> PARAMS =
      Set.of(
          "aspect",
          "max_silence",
          "warning",
          "critical",
          "bytes_warning",
          "bytes_critical",
          "window");

  private final Supplier<SelfStatus> self;
  private final HostDirectory hosts;
  private final InstantSource clock;
  private final String aspect;
  private final Duration maxSilence;
  private final Duration window;
  private final Optional<NagiosRange> warning;
  private final Optional<NagiosRange> critical;
  private final Optional<NagiosRange> bytesWarning;
  private final Optional<NagiosRange> bytesCritical;
  private final double freeWarning;
  private final double freeCritical;
  private long lastAccepted = -1;
  private Instant lastChange;
  private final Deque<long[]> failures = new ArrayDeque<>();

  SelfCheck(Params p, CheckEnvironment env) {
    this.self = env.self();
    this.hosts = env.hosts();
    this.clock = env.clock();
    this.aspect = p.choice("aspect", "", Set.of("ingest", "journal", "disk", "notifications"));
    requireOnly(
        p,
        switch (aspect) {
          case "ingest" -> Set.of("aspect", "max_silence");
          case "journal" ->
              Set.of("aspect", "warning", "critical", "bytes_warning", "bytes_critical");
          case "disk" -> Set.of("aspect", "warning", "critical");
          default -> Set.of("aspect", "warning", "critical", "window");
        });
    this.maxSilence = p.duration("max_silence", Duration.ofMinutes(10));
    this.window = p.duration("window", Duration.ofHours(1));
    boolean journal = aspect.equals("journal");
    boolean notifications = aspect.equals("notifications");
    this.warning =
        journal
            ? Optional.of(p.range("warning", "100000"))
            : notifications ? Optional.of(p.range("warning", "0")) : Optional.empty();
    this.critical =
        journal
            ? Optional.of(p.range("critical", "1000000"))
            : notifications ? Optional.of(p.range("critical", "10")) : Optional.empty();
    this.bytesWarning =
        journal ? Optional.of(p.range("bytes_warning", "268435456")) : Optional.empty();
    this.bytesCritical =
        journal ? Optional.of(p.range("bytes_critical", "1073741824")) : Optional.empty();
    this.freeWarning = aspect.equals("disk") ? percent(p, "warning", 10) : 0;
    this.freeCritical = aspect.equals("disk") ? percent(p, "critical", 5) : 0;
    this.lastChange = clock.instant();
  }

  private static void requireOnly(Params p, Set<String> allowed) {
    for (String name : PARAMS) {
      if (p.has(name) && !allowed.contains(name)) {
        throw new CheckConfigException(name, "does not apply to aspect " + p.string("aspect", ""));
      }
    }
  }

  private static double percent(Params p, String name, double defaultValue) {
    String v = p.string(name, PerfDataParser.num(defaultValue)).strip();
    String number = v.endsWith("%") ? v.substring(0, v.length() - 1) : v;
    try {
      double d = Double.parseDouble(number);
      if (d >= 0 && d <= 100) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CheckConfigException(name, "\"" + v + "\" is not a free-space percentage 0..100");
  }

  @Override
  public String kind() {
    return "self";
  }

  @Override
  public CheckResult run() {
    long start = System.nanoTime();
    SelfStatus s = self.get();
    if (s == null) {
      return Results.result(clock, start, Status.UNKNOWN, "Outpost's own status is not available");
    }
    return switch (aspect) {
      case "ingest" -> ingest(start, s);
      case "journal" -> journal(start, s);
      case "disk" -> disk(start, s);
      default -> notifications(start, s);
    };
  }

  private synchronized CheckResult ingest(long start, SelfStatus s) {
    Instant now = clock.instant();
    if (s.messagesAccepted() != lastAccepted) {
      lastAccepted = s.messagesAccepted();
      lastChange = now;
    }
    PerfValue perf = new PerfValue("accepted", s.messagesAccepted(), "c", "", "", 0.0, null);
    Duration silence = Duration.between(lastChange, now).truncatedTo(ChronoUnit.SECONDS);
    long senders = hosts.hosts().stream().filter(h -> !h.retired()).count();
    if (silence.compareTo(maxSilence) > 0 && senders > 0) {
      return Results.result(
          clock,
          start,
          Status.CRITICAL,
          "INGEST CRITICAL: no message accepted for "
              + Durations.format(silence)
              + " while "
              + senders
              + " sender"
              + (senders == 1 ? " is" : "s are")
              + " active",
          "",
          List.of(perf));
    }
    String detail =
        senders == 0
            ? "no active senders"
            : silence.isZero()
                ? "last accepted just now"
                : "last accepted " + Durations.format(silence) + " ago";
    return Results.result(
        clock,
        start,
        Status.OK,
        "INGEST OK: " + s.messagesAccepted() + " messages accepted, " + detail,
        "",
        List.of(perf));
  }

  private CheckResult journal(long start, SelfStatus s) {
    Status lag = Results.threshold(s.indexLag(), warning, critical);
    Status bytes = Results.threshold(s.journalBytes(), bytesWarning, bytesCritical);
    Status st = Results.worst(lag, bytes);
    return Results.result(
        clock,
        start,
        st,
        "JOURNAL "
            + st
            + ": "
            + s.indexLag()
            + " events not yet searchable, "
            + s.journalBytes()
            + " journal bytes not yet committed",
        "",
        List.of(
            Results.perf("index_lag", s.indexLag(), "", warning, critical, 0.0, null),
            Results.perf(
                "journal", s.journalBytes(), "B", bytesWarning, bytesCritical, 0.0, null)));
  }

  private CheckResult disk(long start, SelfStatus s) {
    if (s.diskTotalBytes() <= 0) {
      return Results.result(
          clock, start, Status.UNKNOWN, "DISK UNKNOWN: file system size not known");
    }
    double free = 100.0 * s.diskFreeBytes() / s.diskTotalBytes();
    Status st =
        free < freeCritical ? Status.CRITICAL : free < freeWarning ? Status.WARNING : Status.OK;
    String pct = String.format(Locale.ROOT, "%.1f", free);
    return Results.result(
        clock,
        start,
        st,
        "DISK "
            + st
            + ": "
            + pct
            + "% free ("
            + s.diskFreeBytes() / (1024 * 1024)
            + " MiB of "
            + s.diskTotalBytes() / (1024 * 1024)
            + " MiB)",
        "",
        List.of(
            new PerfValue(
                "free",
                Double.parseDouble(pct),
                "%",
                PerfDataParser.num(freeWarning) + ":",
                PerfDataParser.num(freeCritical) + ":",
                0.0,
                100.0)));
  }

  private synchronized CheckResult notifications(long start, SelfStatus s) {
    Instant now = clock.instant();
    failures.addLast(new long[] {now.toEpochMilli(), s.notificationFailures()});
    while (failures.size() > 1 && failures.peekFirst()[0] < now.minus(window).toEpochMilli()) {
      failures.removeFirst();
    }
    long increase = Math.max(0, s.notificationFailures() - failures.peekFirst()[1]);
    Status st = Results.threshold(increase, warning, critical);
    return Results.result(
        clock,
        start,
        st,
        "NOTIFICATIONS "
            + st
            + ": "
            + increase
            + " failed permanently in the last "
            + Durations.format(window)
            + " ("
            + s.notificationFailures()
            + " since start)",
        "",
        List.of(Results.perf("failed", increase, "", warning, critical, 0.0, null)));
  }
}
