package outpost.alerts.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which downtimes are in effect, including the triggering of flexible ones, after the Nagios Core 4
 * documentation section "Scheduled Downtime". Pure functions; thread-safe.
 *
 * <ul>
 *   <li>A fixed downtime is in effect from its start (inclusive) to its end (exclusive).
 *   <li>A flexible downtime takes effect when a check it covers first enters a problem state
 *       between its start and end; from then it lasts its duration, which may run past the end. One
 *       that never triggers ends at its end without ever taking effect. Nagios triggers a flexible
 *       host downtime by the host's own state; Outpost hosts often have no host check (they come
 *       from the logs), so here the first problem of the host check or of any of its services
 *       triggers a host-wide downtime.
 * </ul>
 */
public final class Downtimes {
  private Downtimes() {}

  /** Whether any of {@code downtimes} covers {@code key} and is in effect at {@code now}. */
  public static boolean covering(List<Downtime> downtimes, CheckKey key, Instant now) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(now, "now");
    for (Downtime d : downtimes) {
      if (d.covers(key) && inEffect(d, now)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code d} silences notifications at {@code now}. */
  public static boolean inEffect(Downtime d, Instant now) {
    if (d.fixed()) {
      return !now.isBefore(d.start()) && now.isBefore(d.end());
    }
    Instant at = d.triggeredAt();
    return at != null && !now.isBefore(at) && now.isBefore(at.plus(d.duration()));
  }

  /**
   * The downtimes after {@code key} entered a problem state at {@code now}: flexible downtimes
   * covering it whose window holds {@code now} and that have not triggered yet are triggered.
   */
  public static List<Downtime> onProblem(List<Downtime> downtimes, CheckKey key, Instant now) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(now, "now");
    List<Downtime> out = new ArrayList<>(downtimes.size());
    for (Downtime d : downtimes) {
      boolean trigger =
          !d.fixed()
              && d.triggeredAt() == null
              && d.covers(key)
              && !now.isBefore(d.start())
              && now.isBefore(d.end());
      out.add(trigger ? triggered(d, now) : d);
    }
    return List.copyOf(out);
  }

  /**
   * Downtimes that have ended by {@code now} (fixed past end, flexible past trigger + duration or
   * never triggered by end).
   */
  public static List<Downtime> ended(List<Downtime> downtimes, Instant now) {
    Objects.requireNonNull(now, "now");
    List<Downtime> out = new ArrayList<>();
    for (Downtime d : downtimes) {
      Instant end;
      if (d.fixed()) {
        end = d.end();
      } else if (d.triggeredAt() != null) {
        end = d.triggeredAt().plus(d.duration());
      } else {
        end = d.end();
      }
      if (!now.isBefore(end)) {
        out.add(d);
      }
    }
    return List.copyOf(out);
  }

  private static Downtime triggered(Downtime d, Instant now) {
    return new Downtime(
        d.id(),
        d.host(),
        d.service(),
        d.start(),
        d.end(),
        d.fixed(),
        d.duration(),
        d.author(),
        d.comment(),
        now);
  }
}
