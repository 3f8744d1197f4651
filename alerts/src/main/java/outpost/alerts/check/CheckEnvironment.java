package outpost.alerts.check;

import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Supplier;
import outpost.index.HostDirectory;
import outpost.index.LogSearch;

/**
 * What checks may read besides the network: the log store for {@code log} checks, the host
 * directory for {@code freshness}, posted results for {@code passive}, Outpost's own status for
 * {@code self}, and the clock.
 */
public record CheckEnvironment(
    LogSearch search,
    HostDirectory hosts,
    PassiveResults passive,
    Supplier<SelfStatus> self,
    InstantSource clock) {
  public CheckEnvironment {
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(hosts, "hosts");
    Objects.requireNonNull(passive, "passive");
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(clock, "clock");
  }
}
