package outpost.ingest.transport.limits;

import io.netty.channel.ChannelHandlerContext;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import outpost.ingest.transport.ReadGate;

/**
 * Pauses reading from one connection until a bucket's debt is repaid: holds the {@link ReadGate}
 * and schedules its release on the channel's event loop. Counts one limit per pause.
 *
 * <p>Not thread-safe: one per handler instance, used on the channel's event loop.
 */
final class RatePause {
  private final int gateReason;
  private boolean scheduled;

  RatePause(int gateReason) {
    this.gateReason = gateReason;
  }

  /** Pauses for {@code nanos} unless a pause is already running; counts it as {@code reason}. */
  void pause(
      ChannelHandlerContext ctx,
      long nanos,
      SourceLimiter limiter,
      InetAddress source,
      LimitReason reason) {
    if (scheduled) {
      return;
    }
    scheduled = true;
    limiter.count(source, reason, 1);
    ReadGate.hold(ctx.channel(), gateReason);
    ctx.executor()
        .schedule(
            () -> {
              scheduled = false;
              ReadGate.release(ctx.channel(), gateReason);
            },
            nanos,
            TimeUnit.NANOSECONDS);
  }
}
