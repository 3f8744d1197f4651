package outpost.index;

import java.util.List;
import java.util.Optional;

/**
 * Every sender discovered from the logs, kept across restarts. Thread-safe. Bounded: past {@link
 * #MAX_HOSTS} names, new names are not tracked (their events are still stored) and counted.
 */
public interface HostDirectory {
  int MAX_HOSTS = 10_000;

  /** All known hosts, by name. */
  List<HostInfo> hosts();

  Optional<HostInfo> host(String name);

  /**
   * Marks a host as scaled in on purpose, so silence is expected; it becomes active again when it
   * logs.
   *
   * @return false when the host is unknown
   */
  boolean retire(String name);

  /** Forgets a host entirely (its events stay in the store). @return false when unknown */
  boolean forget(String name);
}
