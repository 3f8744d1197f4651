package outpost.agents;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line of every agent mode, parsed and checked once. A bad value is an {@link
 * IllegalArgumentException} naming the option, the value and the limit.
 *
 * @param mode logpipe, tail, heartbeat or goodbye
 */
public record AgentOptions(
    String mode,
    String host,
    int port,
    boolean udp,
    boolean relp,
    boolean tls,
    Path ca,
    Path cert,
    Path key,
    String tag,
    String hostname,
    int facility,
    int severity,
    Path spoolDir,
    long spoolMax,
    int maxLine,
    int queue,
    Duration heartbeat,
    boolean goodbye,
    List<String> files,
    Path stateFile,
    Duration poll,
    Duration rotateWait) {

  public static final long DEFAULT_SPOOL_MAX = 256L * 1024 * 1024;
  public static final int DEFAULT_MAX_LINE = 64 * 1024;

  /** Longest --max-line: a spool record must hold the line and its header. */
  public static final int MAX_MAX_LINE = 512 * 1024;

  public static final int MAX_QUEUE = 1_000_000;

  static final List<String> FACILITIES =
      List.of(
          "kern",
          "user",
          "mail",
          "daemon",
          "auth",
          "syslog",
          "lpr",
          "news",
          "uucp",
          "cron",
          "authpriv",
          "ftp",
          "ntp",
          "security",
          "console",
          "solaris-cron",
          "local0",
          "local1",
          "local2",
          "local3",
          "local4",
          "local5",
          "local6",
          "local7");

  static final List<String> SEVERITIES =
      List.of("emerg", "alert", "crit", "err", "warning", "notice", "info", "debug");

  public AgentOptions {
    files = List.copyOf(files);
  }

  /** Parses {@code args} for {@code mode}; {@code env} supplies HOME and XDG_STATE_HOME. */
  public static AgentOptions parse(String mode, List<String> args, Map<String, String> env) {
    String server = null;
    boolean udp = false;
    boolean relp = false;
    boolean tls = false;
    Path ca = null;
    Path cert = null;
    Path key = null;
    String tag =
        switch (mode) {
          case "logpipe" -> "logpipe";
          case "tail" -> "outpost-tail";
          default -> Heartbeat.APP_NAME;
        };
    String hostname = null;
    int facility = 1;
    int severity = 6;
    Path spoolDir = null;
    long spoolMax = DEFAULT_SPOOL_MAX;
    int maxLine = DEFAULT_MAX_LINE;
    int queue = 10_000;
    Duration heartbeat = Duration.ofSeconds(30);
    boolean goodbye = mode.equals("heartbeat");
    List<String> files = new ArrayList<>();
    Path stateFile = null;
    Duration poll = Duration.ofMillis(250);
    Duration rotateWait = Duration.ofSeconds(5);
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      switch (name) {
        case "--udp" -> udp = true;
        case "--relp" -> relp = true;
        case "--tls" -> tls = true;
        case "--goodbye" -> goodbye = true;
        case "--no-goodbye" -> goodbye = false;
        default -> {
          if (value == null) {
            if (i + 1 >= args.size()) {
              throw new IllegalArgumentException(
                  name.startsWith("--")
                      ? "option " + name + " needs a value"
                      : "unexpected argument '" + name + "' (options start with --)");
            }
            value = args.get(++i);
          }
          switch (name) {
            case "--server" -> server = value;
            case "--ca" -> ca = readable(name, value);
            case "--cert" -> cert = readable(name, value);
            case "--key" -> key = readable(name, value);
            case "--tag" ->
                tag = Rfc5424Writer.headerField("--tag", value, Rfc5424Writer.MAX_APP_NAME);
            case "--hostname" ->
                hostname =
                    Rfc5424Writer.headerField("--hostname", value, Rfc5424Writer.MAX_HOSTNAME);
            case "--facility" -> facility = code(name, value, FACILITIES);
            case "--severity" -> severity = code(name, value, SEVERITIES);
            case "--spool-dir" -> spoolDir = Path.of(value);
            case "--spool-max" -> spoolMax = size(name, value, Spool.MIN_MAX_BYTES, 1L << 50);
            case "--max-line" -> maxLine = (int) size(name, value, 64, MAX_MAX_LINE);
            case "--queue" -> queue = (int) size(name, value, 1, MAX_QUEUE);
            case "--heartbeat" -> heartbeat = duration(name, value, Duration.ofSeconds(1));
            case "--file" -> files.add(value);
            case "--state-file" -> stateFile = Path.of(value);
            case "--poll" -> poll = duration(name, value, Duration.ofMillis(10));
            case "--rotate-wait" -> rotateWait = duration(name, value, Duration.ZERO);
            default -> throw new IllegalArgumentException("unknown option " + name);
          }
        }
      }
    }
    if (server == null) {
      throw new IllegalArgumentException("--server host:port is required");
    }
    int colon = server.lastIndexOf(':');
    if (colon <= 0 || colon == server.length() - 1) {
      throw new IllegalArgumentException("--server '" + server + "' must be host:port");
    }
    String host = server.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1); // [::1]:5514
    }
    int port = (int) number("--server port", server.substring(colon + 1), 1, 65535);
    if (udp && relp) {
      throw new IllegalArgumentException("--udp and --relp exclude each other");
    }
    if (udp && tls) {
      throw new IllegalArgumentException("--udp and --tls exclude each other");
    }
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("--cert and --key go together");
    }
    if (!tls && (ca != null || cert != null)) {
      throw new IllegalArgumentException("--ca, --cert and --key need --tls");
    }
    if (poll.isZero()) {
      throw new IllegalArgumentException("--poll must be above 0");
    }
    if (mode.equals("tail") && files.isEmpty()) {
      throw new IllegalArgumentException("outpost-tail needs at least one --file");
    }
    if (hostname == null) {
      hostname = Rfc5424Writer.headerField("hostname", localHostname(), Rfc5424Writer.MAX_HOSTNAME);
    }
    if (spoolDir == null) {
      spoolDir = defaultSpoolDir(tag, env);
    }
    if (stateFile == null) {
      stateFile = spoolDir.resolve("tail.state");
    }
    return new AgentOptions(
        mode,
        host,
        port,
        udp,
        relp,
        tls,
        ca,
        cert,
        key,
        tag,
        hostname,
        facility,
        severity,
        spoolDir,
        spoolMax,
        maxLine,
        queue,
        heartbeat,
        goodbye,
        files,
        stateFile,
        poll,
        rotateWait);
  }

  /**
   * Root: {@code /var/spool/outpost/<tag>}; others: {@code $XDG_STATE_HOME/outpost/spool/<tag>}.
   */
  static Path defaultSpoolDir(String tag, Map<String, String> env) {
    if ("root".equals(System.getProperty("user.name"))) {
      return Path.of("/var/spool/outpost", tag);
    }
    String state = env.get("XDG_STATE_HOME");
    Path base =
        state != null && !state.isEmpty()
            ? Path.of(state)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
    return base.resolve("outpost").resolve("spool").resolve(tag);
  }

  static String localHostname() {
    try {
      String fromFile = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
      if (!fromFile.isEmpty()) {
        return fromFile;
      }
    } catch (java.io.IOException e) {
      // not Linux: ask the resolver
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static Path readable(String option, String value) {
    Path p = Path.of(value);
    if (!Files.isReadable(p)) {
      throw new IllegalArgumentException(option + " " + value + " is not a readable file");
    }
    return p;
  }

  private static int code(String option, String value, List<String> names) {
    int i = names.indexOf(value.toLowerCase(Locale.ROOT));
    if (i >= 0) {
      return i;
    }
    return (int) number(option, value, 0, names.size() - 1);
  }

  static long number(String option, String value, long min, long max) {
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " '" + value + "' is not a number");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(option + " " + n + " is outside " + min + ".." + max);
    }
    return n;
  }

  /** Sizes: a number with B, KiB, MiB, GiB or TiB (powers of 1024), or none for bytes. */
  static long size(String option, String value, long min, long max) {
    String v = value.trim();
    long unit = 1;
    for (Map.Entry<String, Long> u :
        List.of(
            Map.entry("TiB", 1L << 40),
            Map.entry("GiB", 1L << 30),
            Map.entry("MiB", 1L << 20),
            Map.entry("KiB", 1L << 10),
            Map.entry("B", 1L))) {
      if (v.endsWith(u.getKey())) {
        unit = u.getValue();
        v = v.substring(0, v.length() - u.getKey().length()).trim();
        break;
      }
    }
    long n = number(option, v, 0, Long.MAX_VALUE / unit);
    long bytes = n * unit;
    if (bytes < min || bytes > max) {
      throw new IllegalArgumentException(
          option + " " + value + " is outside " + min + ".." + max + " bytes");
    }
    return bytes;
  }

  /** Durations: 500ms, 30s, 5m, 1h, or a number of seconds; 0 disables. */
  static Duration duration(String option, String value, Duration min) {
    String v = value.trim();
    Duration d;
    try {
      if (v.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      } else if (v.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
      } else if (v.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      } else if (v.endsWith("h")) {
        d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
      } else {
        d = Duration.ofSeconds(Long.parseLong(v));
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " '" + value + "' is not a duration like 500ms, 30s, 5m or 1h");
    }
    if (d.isNegative() || (!d.isZero() && d.compareTo(min) < 0)) {
      throw new IllegalArgumentException(option + " " + value + " is below the minimum " + min);
    }
    return d;
  }
}
