package outpost.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The Apache access-log corpus turned into RFC 5424 messages ({@code <PRI>1 TIMESTAMP HOST apache
 * PROCID access - BODY}), one per line, each from one of a few dozen hosts ({@code web-01} ..).
 * Immutable and thread-safe; {@link #encode} gives each sender its own buffer.
 */
public final class Corpus {
  /** Facility local0 (RFC 5424 section 6.2.1, code 16). */
  private static final int FACILITY = 16;

  private static final int SEVERITY_INFO = 6;
  private static final int SEVERITY_WARNING = 4;
  private static final int SEVERITY_ERR = 3;

  /** RFC 3164 section 4.1.2 TIMESTAMP: day of month space-padded, no year, no zone. */
  private static final DateTimeFormatter BSD_TIME =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final List<String> lines;
  private final int hosts;

  private Corpus(List<String> lines, int hosts) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("corpus has no lines");
    }
    if (hosts < 1 || hosts > 999) {
      throw new IllegalArgumentException("hosts " + hosts + " outside 1..999");
    }
    this.lines = List.copyOf(lines);
    this.hosts = hosts;
  }

  /** Reads the access log at {@code file}, one message per non-empty line. */
  public static Corpus load(Path file, int hosts) throws IOException {
    List<String> lines =
        Files.readAllLines(file, StandardCharsets.UTF_8).stream()
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
    return new Corpus(lines, hosts);
  }

  public int size() {
    return lines.size();
  }

  /** The access-log line (the syslog MSG) of message {@code i}. */
  public String body(int i) {
    return lines.get(i);
  }

  /** The host name message {@code i} claims, e.g. {@code web-07}. */
  public String host(int i) {
    return String.format("web-%02d", i % hosts + 1);
  }

  /** The whole RFC 5424 message {@code i} with the given timestamp, without any TCP framing. */
  public String message(int i, Instant timestamp) {
    return message(i, Timestamps.format(timestamp));
  }

  /**
   * Message {@code i} as RFC 3164 ({@code <PRI>Mmm dd HH:MM:SS HOST apache[PROCID]: BODY}, section
   * 4.1), the form many senders still use.
   */
  String bsdMessage(int i, Instant timestamp) {
    String body = lines.get(i);
    int pri = FACILITY * 8 + severity(body);
    return "<"
        + pri
        + ">"
        + BSD_TIME.format(timestamp)
        + " "
        + host(i)
        + " apache["
        + (2000 + i % 16)
        + "]: "
        + body;
  }

  /** Bytes of all bodies (the access-log lines) together, as UTF-8. */
  public long bodyBytes() {
    long sum = 0;
    for (String line : lines) {
      sum += line.getBytes(StandardCharsets.UTF_8).length;
    }
    return sum;
  }

  /**
   * Encodes every message once into one direct buffer, starting at line {@code first} (so several
   * senders do not send the same line at the same moment).
   *
   * @param octetCounted prefix each message with its length and a space (RFC 6587 section 3.4.1)
   */
  EncodedMessages encode(int first, boolean octetCounted) {
    byte[] placeholder = Timestamps.format(Instant.EPOCH).getBytes(StandardCharsets.US_ASCII);
    String ts = new String(placeholder, StandardCharsets.US_ASCII);
    int n = lines.size();
    byte[][] frames = new byte[n][];
    int[] tsWithin = new int[n];
    int total = 0;
    for (int k = 0; k < n; k++) {
      int i = (first + k) % n;
      String message = message(i, ts);
      byte[] msg = message.getBytes(StandardCharsets.UTF_8);
      String prefix = octetCounted ? msg.length + " " : "";
      byte[] frame = (prefix + message).getBytes(StandardCharsets.UTF_8);
      frames[k] = frame;
      // the PRI and VERSION before the timestamp are ASCII, so chars and bytes agree there
      tsWithin[k] = prefix.length() + message.indexOf(ts);
      total += frame.length;
    }
    return EncodedMessages.of(frames, tsWithin, total);
  }

  private String message(int i, String timestamp) {
    String body = lines.get(i);
    int pri = FACILITY * 8 + severity(body);
    int procId = 2000 + i % 16;
    return "<"
        + pri
        + ">1 "
        + timestamp
        + " "
        + host(i)
        + " apache "
        + procId
        + " access - "
        + body;
  }

  /** err for 5xx, warning for 4xx, info otherwise: the status is the 2nd field after the quote. */
  private static int severity(String body) {
    int q = body.indexOf("\" ", body.indexOf('"') + 1);
    if (q < 0 || q + 3 > body.length()) {
      return SEVERITY_INFO;
    }
    return switch (body.charAt(q + 2)) {
      case '5' -> SEVERITY_ERR;
      case '4' -> SEVERITY_WARNING;
      default -> SEVERITY_INFO;
    };
  }
}
