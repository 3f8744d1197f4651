package outpost.ingest.syslog;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Settings of one listener's syslog parser. Immutable and thread-safe; build one per listener.
 *
 * @param defaultZone zone of RFC 3164 timestamps (and zone-less ISO timestamps) from senders that
 *     no {@code hostZones} entry matches
 * @param hostZones per-host overrides, tried in order; the first match wins
 */
public record ParserConfig(ZoneId defaultZone, List<HostZone> hostZones) {

  public ParserConfig {
    // ZoneId.of("UTC") and ZoneOffset.UTC mean the same; the offset form converts faster
    defaultZone = Objects.requireNonNull(defaultZone, "defaultZone").normalized();
    hostZones = List.copyOf(hostZones);
  }

  /** UTC for every sender. */
  public static ParserConfig defaults() {
    return new ParserConfig(ZoneOffset.UTC, List.of());
  }

  /** The zone a sender named {@code host} writes its local time in. */
  public ZoneId zoneFor(String host) {
    for (HostZone hostZone : hostZones) {
      if (hostZone.matches(host)) {
        return hostZone.zone();
      }
    }
    return defaultZone;
  }
}
