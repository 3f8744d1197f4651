package outpost.alerts.check;

import java.util.Optional;

/**
 * The latest result posted for each passive check (by an agent's heartbeat or the API), kept by the
 * engine. Thread-safe.
 */
public interface PassiveResults {
  /** The newest result posted for {@code service} on {@code host}, if any. */
  Optional<CheckResult> latest(String host, String service);
}
