package outpost.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import outpost.index.HostDirectory;
import outpost.index.HostInfo;

/** An in-memory {@link HostDirectory} whose hosts tests put in directly. Thread-safe. */
final class FakeHostDirectory implements HostDirectory {
  private final Map<String, HostInfo> hosts = new ConcurrentSkipListMap<>();
  private final Instant retireTime;

  FakeHostDirectory(Instant retireTime) {
    this.retireTime = retireTime;
  }

  void put(HostInfo host) {
    hosts.put(host.name(), host);
  }

  /** A host with {@code perMinute} as its last 60 minutes, ending at {@code asOf}. */
  static HostInfo host(String name, Instant lastSeen, Instant asOf, List<Long> lastMinutes) {
    List<Long> perMinute = new ArrayList<>(Collections.nCopies(HostInfo.MINUTES, 0L));
    for (int i = 0; i < lastMinutes.size(); i++) {
      perMinute.set(HostInfo.MINUTES - lastMinutes.size() + i, lastMinutes.get(i));
    }
    long messages = lastMinutes.stream().mapToLong(Long::longValue).sum();
    return new HostInfo(
        name,
        lastSeen.minusSeconds(86_400),
        lastSeen,
        messages,
        List.of("sshd", "cron"),
        perMinute,
        asOf,
        null);
  }

  @Override
  public List<HostInfo> hosts() {
    return List.copyOf(hosts.values());
  }

  @Override
  public Optional<HostInfo> host(String name) {
    return Optional.ofNullable(hosts.get(name));
  }

  @Override
  public boolean retire(String name) {
    return hosts.computeIfPresent(
            name,
            (n, h) ->
                new HostInfo(
                    n,
                    h.firstSeen(),
                    h.lastSeen(),
                    h.messages(),
                    h.apps(),
                    h.perMinute(),
                    h.asOf(),
                    retireTime))
        != null;
  }

  @Override
  public boolean forget(String name) {
    return hosts.remove(name) != null;
  }
}
