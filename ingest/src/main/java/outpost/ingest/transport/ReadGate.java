package outpost.ingest.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Stops and restarts reading from a channel on behalf of several independent reasons (the store is
 * full, a rate limit is in debt): reading resumes only when no reason holds it any more, so one
 * reason never undoes another's pause.
 *
 * <p>Call on the channel's event loop only. Stateless apart from a channel attribute.
 */
public final class ReadGate {
  /** The store refused a batch. */
  public static final int STORE = 1;

  /** A message rate limit is in debt. */
  public static final int MESSAGE_RATE = 2;

  /** A byte rate limit is in debt. */
  public static final int BYTE_RATE = 4;

  private static final AttributeKey<Holds> HOLDS = AttributeKey.valueOf("outpost.read-gate");

  private static final class Holds {
    int mask;
  }

  private ReadGate() {}

  /** Stops reading for {@code reason}. */
  public static void hold(Channel channel, int reason) {
    holds(channel).mask |= reason;
    channel.config().setAutoRead(false);
  }

  /** Ends the hold of {@code reason}; reading resumes when no other reason holds the channel. */
  public static void release(Channel channel, int reason) {
    Holds holds = holds(channel);
    holds.mask &= ~reason;
    if (holds.mask == 0 && channel.isActive()) {
      channel.config().setAutoRead(true);
    }
  }

  /** Whether {@code reason} holds the channel now. */
  public static boolean holds(Channel channel, int reason) {
    return (holds(channel).mask & reason) != 0;
  }

  private static Holds holds(Channel channel) {
    Holds holds = channel.attr(HOLDS).get();
    if (holds == null) {
      holds = new Holds();
      channel.attr(HOLDS).set(holds);
    }
    return holds;
  }
}
