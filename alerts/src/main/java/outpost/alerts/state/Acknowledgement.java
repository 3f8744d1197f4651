package outpost.alerts.state;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator's acknowledgement of a problem: it stops re-notifications. A non-sticky one ends at
 * any state change; a sticky one lasts until the check recovers to OK. It also ends at {@code
 * expires} when that is set.
 */
public record Acknowledgement(
    String author, String comment, boolean sticky, Instant at, Instant expires) {
  public Acknowledgement {
    Objects.requireNonNull(author, "author");
    comment = Objects.requireNonNullElse(comment, "");
    Objects.requireNonNull(at, "at");
    if (expires != null && !expires.isAfter(at)) {
      throw new IllegalArgumentException(
          "acknowledgement expires " + expires + " is not after its time " + at);
    }
  }
}
