package outpost.server.peers;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A classic BSD syslog line as a test feeds it to a peer: {@code <PRI>Mmm dd hh:mm:ss HOST
 * APP[PID]: MSG} (RFC 3164 section 4.1), the timestamp in the zone of {@code time}, which should be
 * the system's: that is how rsyslog and syslog-ng read a timestamp without a zone. Immutable.
 *
 * @param facility facility code 0..23
 * @param severity severity code 0..7
 */
public record Rfc3164Line(
    int facility, int severity, String host, String app, String procId, String message) {
  // RFC 3164 section 4.1.2: the day is space-padded ("Nov  3").
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

  public Rfc3164Line {
    if (facility < 0 || facility > 23 || severity < 0 || severity > 7) {
      throw new IllegalArgumentException("facility " + facility + " / severity " + severity);
    }
  }

  /** The priority value, facility * 8 + severity (RFC 5424 section 6.2.1). */
  public int pri() {
    return facility * 8 + severity;
  }

  /** The line stamped with {@code time} (seconds only, as RFC 3164 has). */
  public String format(ZonedDateTime time) {
    return "<%d>%s %s %s[%s]: %s"
        .formatted(pri(), TIMESTAMP.format(time), host, app, procId, message);
  }
}
