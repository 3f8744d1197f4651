package outpost.alerts.config;

import java.time.Duration;
import java.util.Objects;
import outpost.alerts.state.CheckPolicy;

/**
 * The file's {@code defaults}: the policy every check starts from, and the built-in checks.
 *
 * @param selfChecks whether Outpost watches itself (services ingest, journal, disk, notifications)
 * @param hostFreshness the silence after which a discovered host is DOWN; null disables the default
 *     host check
 */
public record CheckDefaults(CheckPolicy policy, boolean selfChecks, Duration hostFreshness) {
  public static final Duration DEFAULT_HOST_FRESHNESS = Duration.ofMinutes(10);
  public static final CheckDefaults BUILT_IN =
      new CheckDefaults(CheckPolicy.DEFAULTS, true, DEFAULT_HOST_FRESHNESS);

  public CheckDefaults {
    Objects.requireNonNull(policy, "policy");
  }
}
