package outpost.ingest.transport.limits;

import io.netty.channel.ChannelHandlerContext;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import outpost.ingest.transport.ReadGate;

/**
 * Pauses reading from one connection until a bucket's debt is repaid: holds the {@link ReadGate}
 * and schedules a check on the channel's event loop, which releases the gate once the debt (which
 * may have grown from messages already read) is repaid, or checks again when it is due. Counts one
 * limit per pause.
 *
 * <p>Not thread-safe: one per handler instance, used on the channel's event loop.
 */
final class RatePause {
  private final int gateReason;
  private boolean scheduled;

  RatePause(int gateReason) {
    this.gateReason = gateReason;
  }

  /**
   * Pauses unless a pause is already running; counts it as {@code reason}.
   *
   * @param debtNanos how long until the debt is repaid, asked again when the pause is due
   */
  void pause(
      ChannelHandlerContext ctx,
      LongSupplier debtNanos,
      SourceLimiter limiter,
      InetAddress source,
      LimitReason reason) {
    if (scheduled) {
      return;
    }
    scheduled = true;
    limiter.count(source, reason, 1);
    ReadGate.hold(ctx.channel(), gateReason);
    schedule(ctx, debtNanos, debtNanos.getAsLong());
  }

  private void schedule(ChannelHandlerContext ctx, LongSupplier debtNanos, long delay) {
    ctx.executor()
        .schedule(
            () -> {
              long remaining = debtNanos.getAsLong();
              if (remaining > 0 && ctx.channel().isActive()) {
                schedule(ctx, debtNanos, remaining);
              } else {
                scheduled = false;
                ReadGate.release(ctx.channel(), gateReason);
              }
            },
            Math.max(delay, 1),
            TimeUnit.NANOSECONDS);
  }
}
