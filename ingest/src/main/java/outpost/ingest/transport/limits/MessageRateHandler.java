package outpost.ingest.transport.limits;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import outpost.ingest.transport.ReadGate;

/**
 * Enforces the message rates per connection and per source by backpressure: each framed message is
 * charged to the connection's and the source's bucket and passed on (nothing is dropped); when
 * either is in debt, reading pauses until it is repaid, so the sender's socket buffer fills and the
 * sender slows down. Other sources are not affected: their connections keep reading.
 *
 * <p>Not sharable: one instance per connection, used on its event loop.
 */
public final class MessageRateHandler extends ChannelInboundHandlerAdapter {
  private final SourceLimiter limiter;
  private final Class<?> messageType;
  private final TokenBucket connection;
  private final RatePause pause = new RatePause(ReadGate.MESSAGE_RATE);

  /**
   * @param limiter the listener's limiter
   * @param messageType the type of one framed message; other objects pass uncharged
   */
  public MessageRateHandler(SourceLimiter limiter, Class<?> messageType) {
    this.limiter = limiter;
    this.messageType = messageType;
    long rate = limiter.limits().ratePerConnection();
    this.connection = rate > 0 ? new TokenBucket(rate, limiter.now()) : null;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (messageType.isInstance(msg)) {
      charge(ctx);
    }
    ctx.fireChannelRead(msg);
  }

  private void charge(ChannelHandlerContext ctx) {
    InetAddress address = AdmissionHandler.source(ctx.channel());
    if (address == null) {
      return;
    }
    long now = limiter.now();
    long connectionDebt = connection == null ? 0 : connection.take(1, now);
    SourceLimiter.Source source = limiter.connectedSource(address);
    TokenBucket sourceBucket = source == null ? null : source.messages();
    long sourceDebt = sourceBucket == null ? 0 : sourceBucket.take(1, now);
    if (connectionDebt > 0 || sourceDebt > 0) {
      LimitReason reason =
          sourceDebt >= connectionDebt ? LimitReason.RATE_SOURCE : LimitReason.RATE_CONNECTION;
      pause.pause(
          ctx,
          () -> {
            long t = limiter.now();
            long c = connection == null ? 0 : connection.debtNanos(t);
            return Math.max(c, sourceBucket == null ? 0 : sourceBucket.debtNanos(t));
          },
          limiter,
          address,
          reason);
    }
  }
}
