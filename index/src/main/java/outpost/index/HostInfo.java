package outpost.index;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the store knows about one sender (the {@code host} field of its events). Times are when
 * Outpost received its messages (its own clock), not the senders' timestamps, so a node with a
 * wrong clock still shows as alive.
 *
 * @param firstSeen first message received
 * @param lastSeen latest message received
 * @param messages messages received since first seen
 * @param apps apps seen from it, most recent first, at most {@link #MAX_APPS}
 * @param perMinute messages per minute over the last {@link #MINUTES} minutes, oldest first, the
 *     last entry being the current (partial) minute of {@code asOf}
 * @param asOf the minute {@code perMinute} ends in
 * @param retiredAt when it was retired (scaled in on purpose), null while active; a retired host
 *     that logs again becomes active
 */
public record HostInfo(
    String name,
    Instant firstSeen,
    Instant lastSeen,
    long messages,
    List<String> apps,
    List<Long> perMinute,
    Instant asOf,
    Instant retiredAt) {
  public static final int MAX_APPS = 20;
  public static final int MINUTES = 60;

  public HostInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(asOf, "asOf");
    apps = List.copyOf(apps);
    perMinute = List.copyOf(perMinute);
  }

  public boolean retired() {
    return retiredAt != null;
  }
}
