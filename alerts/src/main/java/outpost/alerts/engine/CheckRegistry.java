package outpost.alerts.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import outpost.alerts.state.CheckKey;

/** The checks being scheduled now, by id and by host and service. Thread-safe. */
final class CheckRegistry {
  private final Map<Long, ScheduledCheck> byId = new ConcurrentHashMap<>();
  private final Map<CheckKey, ScheduledCheck> byKey = new ConcurrentHashMap<>();

  void add(ScheduledCheck c) {
    byId.put(c.id(), c);
    byKey.put(c.key(), c);
  }

  /**
   * @return whether it was scheduled
   */
  boolean remove(ScheduledCheck c) {
    byKey.remove(c.key(), c);
    return byId.remove(c.id(), c);
  }

  Optional<ScheduledCheck> get(long id) {
    return Optional.ofNullable(byId.get(id));
  }

  Optional<ScheduledCheck> get(CheckKey key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** Whether {@code c} (this very instance) is still scheduled. */
  boolean contains(ScheduledCheck c) {
    return byId.get(c.id()) == c;
  }

  Collection<ScheduledCheck> all() {
    return byId.values();
  }

  List<ScheduledCheck> ofHost(String host) {
    List<ScheduledCheck> out = new ArrayList<>();
    for (ScheduledCheck c : byId.values()) {
      if (c.key().host().equals(host)) {
        out.add(c);
      }
    }
    return out;
  }

  int size() {
    return byId.size();
  }
}
