package outpost.ingest.transport.limits;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;

/**
 * The limits of a datagram listener, which cannot push back: a datagram from outside the
 * allow-list, or over its source's message or byte rate, is released and counted, never passed on.
 *
 * <p>{@link Sharable} and thread-safe: the state lives in the {@link SourceLimiter}.
 */
@Sharable
public final class DatagramLimitHandler extends ChannelInboundHandlerAdapter {
  private final SourceLimiter limiter;

  public DatagramLimitHandler(SourceLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof DatagramPacket packet) {
      LimitReason refused = check(packet);
      if (refused != null) {
        limiter.count(packet.sender().getAddress(), refused, 1);
        packet.release();
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }

  private LimitReason check(DatagramPacket packet) {
    InetAddress address = packet.sender().getAddress();
    if (!limiter.allowed(address)) {
      return LimitReason.NOT_ALLOWED;
    }
    ListenerLimits limits = limiter.limits();
    if (limits.ratePerSource() == 0 && limits.bytesPerSource() == 0) {
      return null;
    }
    SourceLimiter.Source source = limiter.datagramSource(address);
    long now = limiter.now();
    // a dropped datagram is not charged: only what is kept counts against the rates
    if (source.bytes() != null && !source.bytes().tryTake(packet.content().readableBytes(), now)) {
      return LimitReason.BYTES_SOURCE;
    }
    if (source.messages() != null && !source.messages().tryTake(1, now)) {
      return LimitReason.RATE_SOURCE;
    }
    return null;
  }
}
