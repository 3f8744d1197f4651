package outpost.alerts.engine;

import java.time.Duration;
import outpost.alerts.DowntimeRequest;
import outpost.alerts.config.ChecksFile;
import outpost.alerts.state.CheckKey;
import outpost.alerts.state.Downtime;
import outpost.index.HostDirectory;

/** Turns a user's downtime request into a downtime, or says clearly what is wrong with it. */
final class DowntimeRequests {
  /** The longest downtime window accepted. */
  static final Duration MAX_WINDOW = Duration.ofDays(366);

  private final CheckRegistry registry;
  private final HostDirectory directory;
  private final ChecksFile file;

  DowntimeRequests(CheckRegistry registry, HostDirectory directory, ChecksFile file) {
    this.registry = registry;
    this.directory = directory;
    this.file = file;
  }

  /**
   * @throws IllegalArgumentException when the host or service is unknown or the window is invalid
   */
  Downtime downtime(DowntimeRequest r) {
    boolean hostKnown =
        !registry.ofHost(r.host()).isEmpty()
            || directory.host(r.host()).isPresent()
            || file.host(r.host()).isPresent();
    if (!hostKnown) {
      throw new IllegalArgumentException("unknown host \"" + r.host() + "\"");
    }
    if (!r.service().isEmpty() && registry.get(new CheckKey(r.host(), r.service())).isEmpty()) {
      throw new IllegalArgumentException(
          "host \"" + r.host() + "\" has no service \"" + r.service() + "\"");
    }
    if (!r.end().isAfter(r.start())) {
      throw new IllegalArgumentException(
          "downtime end " + r.end() + " is not after start " + r.start());
    }
    Duration window = Duration.between(r.start(), r.end());
    if (window.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "downtime of " + window.toDays() + " days exceeds limit " + MAX_WINDOW.toDays());
    }
    Duration duration = r.fixed() ? window : r.duration();
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(
          "a flexible downtime needs a positive duration, not " + duration);
    }
    if (duration.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "downtime duration " + duration.toDays() + " days exceeds limit " + MAX_WINDOW.toDays());
    }
    return new Downtime(
        0,
        r.host(),
        r.service(),
        r.start(),
        r.end(),
        r.fixed(),
        duration,
        r.author(),
        r.comment(),
        null);
  }
}
