package outpost.alerts.check;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ping} kind: ICMP echo through the system {@code ping} (iputils), or, with {@code mode:
 * tcp}, TCP connects to {@code port} where ICMP is blocked (a refused connection still proves the
 * host answered). Thresholds are {@code check_ping}'s {@code rta,loss%} pairs, round-trip average
 * in ms and packet loss in percent; a threshold is reached at or above its value. Where this
 * process may not send ICMP the result is UNKNOWN with the reason. Thread-safe: immutable.
 */
final class PingCheck implements Check {
  static final Set<String> PARAMS =
      Set.of("host", "packets", "interval", "timeout", "warning", "critical", "mode", "port");
  static final String PING = "/usr/bin/ping";

  private static final Pattern LOSS = Pattern.compile("([\\d.]+)% packet loss");
  private static final Pattern RTT = Pattern.compile("= [\\d.]+/([\\d.]+)/");
  private static final Pattern PAIR = Pattern.compile("\\s*([\\d.]+)\\s*,\\s*([\\d.]+)%\\s*");

  /** A {@code check_ping} threshold: round-trip average (ms) and loss (%). */
  record Threshold(double rtaMs, double lossPercent, String text) {
    static Threshold parse(String param, String text) {
      Matcher m = PAIR.matcher(text);
      if (!m.matches()) {
        throw new CheckConfigException(param, "\"" + text + "\" is not rta,loss% (e.g. 100,20%)");
      }
      try {
        return new Threshold(
            Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), text.strip());
      } catch (NumberFormatException e) {
        throw new CheckConfigException(param, "\"" + text + "\" is not rta,loss% (e.g. 100,20%)");
      }
    }

    boolean reached(double rta, double loss) {
      return loss >= lossPercent || rta >= rtaMs;
    }
  }

  /** What one ping run measured; rta is NaN when nothing came back. */
  record Measured(double lossPercent, double rtaMs) {}

  private final String host;
  private final boolean tcp;
  private final int port;
  private final int packets;
  private final Duration interval;
  private final Duration timeout;
  private final Threshold warning;
  private final Threshold critical;
  private final InstantSource clock;

  PingCheck(Params p, InstantSource clock) {
    this.clock = clock;
    this.host = p.string("host", "$HOSTADDRESS$").strip();
    this.tcp = p.choice("mode", "icmp", Set.of("icmp", "tcp")).equals("tcp");
    if (tcp && !p.has("port")) {
      throw new CheckConfigException("port", "is required with mode tcp");
    }
    if (!tcp && p.has("port")) {
      throw new CheckConfigException("port", "only applies to mode tcp");
    }
    this.port = p.integer("port", 0, 1, 65535);
    this.packets = p.integer("packets", 5, 1, 100);
    this.interval = p.duration("interval", Duration.ofSeconds(1));
    if (interval.toMillis() < 200) {
      throw new CheckConfigException(
          "interval", Durations.format(interval) + " is below the minimum 200ms");
    }
    this.timeout = p.duration("timeout", Duration.ofSeconds(10));
    this.warning = Threshold.parse("warning", p.string("warning", "100,20%"));
    this.critical = Threshold.parse("critical", p.string("critical", "500,60%"));
  }

  @Override
  public String kind() {
    return "ping";
  }

  @Override
  public CheckResult run() throws InterruptedException {
    long start = System.nanoTime();
    Measured m;
    if (tcp) {
      m = tcpPings();
    } else {
      List<String> command =
          List.of(
              PING,
              "-n",
              "-c",
              Integer.toString(packets),
              "-i",
              seconds(interval),
              "-W",
              Long.toString(Math.max(1, timeout.toSeconds())),
              host);
      ProcessRunner.Outcome out;
      try {
        Duration whole = interval.multipliedBy(packets).plus(timeout).plusSeconds(2);
        out = ProcessRunner.run(command, whole);
      } catch (IOException e) {
        return Results.result(
            clock, start, Status.UNKNOWN, "cannot run " + PING + ": " + Results.message(e));
      }
      Optional<String> problem = problem(out);
      if (problem.isPresent()) {
        return Results.result(
            clock, start, Status.UNKNOWN, problem.get(), out.stderr().strip(), List.of());
      }
      m = parse(out.stdout());
      if (m == null) {
        return Results.result(
            clock,
            start,
            Status.UNKNOWN,
            "cannot read ping's output (exit code " + out.exitCode() + ")",
            out.stdout() + out.stderr(),
            List.of());
      }
    }
    return result(start, m);
  }

  private CheckResult result(long start, Measured m) {
    double rta = Double.isNaN(m.rtaMs()) ? Double.POSITIVE_INFINITY : m.rtaMs();
    Status s =
        critical.reached(rta, m.lossPercent())
            ? Status.CRITICAL
            : warning.reached(rta, m.lossPercent()) ? Status.WARNING : Status.OK;
    String rtaText =
        Double.isNaN(m.rtaMs()) ? "n/a" : String.format(Locale.ROOT, "%.2f ms", m.rtaMs());
    String output =
        (tcp ? "TCP PING " : "PING ")
            + s
            + " - Packet loss = "
            + PerfDataParser.num(m.lossPercent())
            + "%, RTA = "
            + rtaText;
    List<PerfValue> perf =
        List.of(
            new PerfValue(
                "rta",
                Double.isNaN(m.rtaMs()) ? Double.NaN : Math.round(m.rtaMs() * 1000) / 1000.0,
                "ms",
                PerfDataParser.num(warning.rtaMs()),
                PerfDataParser.num(critical.rtaMs()),
                0.0,
                null),
            new PerfValue(
                "pl",
                m.lossPercent(),
                "%",
                PerfDataParser.num(warning.lossPercent()),
                PerfDataParser.num(critical.lossPercent()),
                0.0,
                100.0));
    return Results.result(clock, start, s, output, "", perf);
  }

  /** Why ping could not measure at all (no permission, unknown host), if that is the case. */
  static Optional<String> problem(ProcessRunner.Outcome out) {
    String all = (out.stderr() + "\n" + out.stdout()).toLowerCase(Locale.ROOT);
    String first =
        (out.stderr().isBlank() ? out.stdout() : out.stderr())
            .strip()
            .lines()
            .findFirst()
            .orElse("");
    if (out.timedOut()) {
      return Optional.of("ping did not finish in time");
    }
    if (all.contains("operation not permitted")
        || all.contains("permission denied")
        || all.contains("lacking privilege")
        || all.contains("you must be root")) {
      return Optional.of(
          "ICMP ping is not permitted for this process ("
              + first.strip()
              + "); grant CAP_NET_RAW or net.ipv4.ping_group_range, or use mode: tcp");
    }
    if (all.contains("name or service not known")
        || all.contains("unknown host")
        || all.contains("temporary failure in name resolution")) {
      return Optional.of("cannot resolve host: " + first.strip());
    }
    if (out.exitCode() == 2 && !all.contains("packet loss")) {
      return Optional.of("ping failed: " + first.strip());
    }
    return Optional.empty();
  }

  /** Loss and average round trip from iputils' summary lines; null when they are missing. */
  static Measured parse(String stdout) {
    Matcher loss = LOSS.matcher(stdout);
    if (!loss.find()) {
      return null;
    }
    Matcher rtt = RTT.matcher(stdout);
    double rta = rtt.find() ? Double.parseDouble(rtt.group(1)) : Double.NaN;
    return new Measured(Double.parseDouble(loss.group(1)), rta);
  }

  private Measured tcpPings() throws InterruptedException {
    int answered = 0;
    double totalMs = 0;
    for (int i = 0; i < packets; i++) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      long t0 = System.nanoTime();
      try (Socket s = new Socket()) {
        s.connect(
            new InetSocketAddress(host, port),
            (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        answered++;
        totalMs += (System.nanoTime() - t0) / 1e6;
      } catch (ConnectException e) {
        if (Results.message(e).toLowerCase(Locale.ROOT).contains("refused")) {
          answered++; // a reset is an answer: the host is up, the port closed
          totalMs += (System.nanoTime() - t0) / 1e6;
        }
      } catch (IOException e) {
        // no answer within the timeout counts as a lost packet
      }
    }
    double loss = 100.0 * (packets - answered) / packets;
    return new Measured(loss, answered == 0 ? Double.NaN : totalMs / answered);
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
  }
}
