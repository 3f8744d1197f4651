package outpost.web;

import java.util.Objects;

/**
 * The health of one component at one moment.
 *
 * @param status {@link Status#DOWN} turns {@code /health} into a 503
 * @param details anything Jackson can serialise (typically the component's status record, with
 *     records, maps, numbers, strings, {@code Instant}s and {@code Duration}s inside); may be null.
 *     It is served without login, so it must not hold secrets.
 */
public record ComponentHealth(Status status, Object details) {

  /** How well a component does its job. */
  public enum Status {
    /** Working normally. */
    UP,
    /** Working but impaired, e.g. dropping UDP messages or paused on a full disk; still 200. */
    DEGRADED,
    /** Not doing its job at all, e.g. the store failed to open or a listener is not bound; 503. */
    DOWN
  }

  public ComponentHealth {
    Objects.requireNonNull(status, "status");
  }

  public static ComponentHealth up(Object details) {
    return new ComponentHealth(Status.UP, details);
  }

  public static ComponentHealth degraded(Object details) {
    return new ComponentHealth(Status.DEGRADED, details);
  }

  public static ComponentHealth down(Object details) {
    return new ComponentHealth(Status.DOWN, details);
  }
}
