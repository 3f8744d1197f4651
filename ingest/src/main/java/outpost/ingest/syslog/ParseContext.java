package outpost.ingest.syslog;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What a parser knows besides the frame: its listener's settings, the arrival time (for RFC 3164
 * year inference) and the sender's address (for the zone of a sender that names no host).
 */
record ParseContext(ParserConfig config, Instant received, String senderAddress) {

  /** The zone for a frame whose HOSTNAME is {@code host} (empty when it names none). */
  ZoneId zoneFor(String host) {
    return config.zoneFor(host.isEmpty() ? senderAddress : host);
  }
}
