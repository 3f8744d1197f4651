package outpost.ingest.transport.limits;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import outpost.ingest.transport.ReadGate;

/**
 * Enforces a source's byte rate on one connection by backpressure: every buffer read is charged to
 * the source's byte bucket and passed on unchanged (nothing is dropped); when the bucket is in
 * debt, reading pauses until the debt is repaid. Sits right after admission, so on a TLS listener
 * the bytes on the wire are counted.
 *
 * <p>Not sharable: one instance per connection, used on its event loop.
 */
public final class ByteRateHandler extends ChannelInboundHandlerAdapter {
  private final SourceLimiter limiter;
  private final RatePause pause = new RatePause(ReadGate.BYTE_RATE);

  public ByteRateHandler(SourceLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf buf) {
      InetAddress address = AdmissionHandler.source(ctx.channel());
      SourceLimiter.Source source = address == null ? null : limiter.connectedSource(address);
      if (source != null && source.bytes() != null) {
        TokenBucket bucket = source.bytes();
        if (bucket.take(buf.readableBytes(), limiter.now()) > 0) {
          pause.pause(
              ctx,
              () -> bucket.debtNanos(limiter.now()),
              limiter,
              address,
              LimitReason.BYTES_SOURCE);
        }
      }
    }
    ctx.fireChannelRead(msg);
  }
}
