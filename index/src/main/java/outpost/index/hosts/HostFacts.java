package outpost.index.hosts;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a shared store (an OpenSearch cluster written by several Outpost nodes) says about one host
 * over some range of receive times, to be merged into a node's {@link HostRegistry}. Times are
 * epoch milliseconds of receipt by whichever node took the message.
 *
 * @param name the host
 * @param firstMillis oldest message in the range
 * @param lastMillis newest message in the range, goodbyes included
 * @param lastActiveMillis newest message that is not an agent's goodbye, or {@link #NONE}
 * @param goodbyeMillis newest agent goodbye, or {@link #NONE}; when it is at or after {@code
 *     lastActiveMillis} the host's last word was goodbye and it is retired as of then
 * @param messages messages in the range: a lower bound of the host's total
 * @param apps apps seen in the range, at most {@link outpost.index.HostInfo#MAX_APPS}
 * @param perMinute counts by receive minute (epoch minute), empty when not asked for
 */
public record HostFacts(
    String name,
    long firstMillis,
    long lastMillis,
    long lastActiveMillis,
    long goodbyeMillis,
    long messages,
    List<String> apps,
    Map<Long, Long> perMinute) {
  /** The app of the Outpost agent, whose MSGID {@value #GOODBYE_MSGID} retires its host. */
  public static final String AGENT_APP = HostTally.AGENT_APP;

  public static final String GOODBYE_MSGID = HostTally.GOODBYE_MSGID;

  /** No such message in the range. */
  public static final long NONE = Long.MIN_VALUE;

  public HostFacts {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.length() > HostRegistry.MAX_NAME_CHARS) {
      throw new IllegalArgumentException(
          "host name of " + name.length() + " chars outside 1.." + HostRegistry.MAX_NAME_CHARS);
    }
    if (firstMillis > lastMillis || messages < 1) {
      throw new IllegalArgumentException(
          "host " + name + ": first " + firstMillis + ", last " + lastMillis + ", " + messages);
    }
    apps = List.copyOf(apps);
    perMinute = Map.copyOf(perMinute);
  }

  /** Whether its newest message is an agent's goodbye. */
  public boolean saidGoodbye() {
    return goodbyeMillis != NONE && goodbyeMillis >= lastActiveMillis;
  }
}
