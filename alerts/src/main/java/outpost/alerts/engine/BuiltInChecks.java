package outpost.alerts.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import outpost.alerts.config.CheckDefinition;
import outpost.alerts.config.ChecksFile;
import outpost.alerts.config.Durations;

/**
 * The checks that exist without being written in the checks file: Outpost watching itself, the
 * freshness host check of every logging host, and passive checks created by posted results and
 * agent heartbeats. They use the file's default policy and routing.
 */
final class BuiltInChecks {
  /** The services of Outpost's self check, each a {@code self} check of that aspect. */
  static final List<String> SELF_SERVICES = List.of("ingest", "journal", "disk", "notifications");

  static final String HEARTBEAT = "heartbeat";

  /** A heartbeat is stale after this many of its intervals. */
  static final int HEARTBEAT_STALE_INTERVALS = 3;

  private final ChecksFile file;

  BuiltInChecks(ChecksFile file) {
    this.file = file;
  }

  List<CheckDefinition> self(String selfName) {
    if (!file.defaults().selfChecks()) {
      return List.of();
    }
    return SELF_SERVICES.stream()
        .map(s -> definition(selfName, s, "self", Map.of("aspect", s), "defaults.self_checks"))
        .toList();
  }

  /** The default host check of a discovered host; null when disabled. */
  CheckDefinition freshness(String host) {
    Duration silence = file.defaults().hostFreshness();
    if (silence == null) {
      return null;
    }
    return definition(
        host,
        "",
        "freshness",
        Map.of("max_silence", Durations.format(silence)),
        "defaults.host_freshness");
  }

  CheckDefinition passive(String host, String service) {
    return definition(host, service, "passive", Map.of("service", service), "(posted result)");
  }

  CheckDefinition heartbeat(String host, Duration interval) {
    Duration stale = interval.multipliedBy(HEARTBEAT_STALE_INTERVALS);
    return definition(
        host,
        HEARTBEAT,
        "passive",
        Map.of("service", HEARTBEAT, "stale_after", Durations.format(stale)),
        "(agent heartbeat)");
  }

  private CheckDefinition definition(
      String host, String service, String kind, Map<String, String> params, String source) {
    return new CheckDefinition(
        service,
        host,
        kind,
        params,
        file.defaults().policy(),
        file.routing(),
        new CheckDefinition.Source(source, 0));
  }
}
