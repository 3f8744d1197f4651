package outpost.alerts.engine;

import outpost.alerts.check.CheckTarget;

/** Check targets the engine makes. */
final class Targets {
  private Targets() {}

  /** Outpost itself: self checks and fleet-wide log checks. */
  static CheckTarget outpost(String selfName) {
    return new CheckTarget(selfName, "127.0.0.1");
  }
}
