package outpost.ingest.transport.limits;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage of a stream listener's pipeline: closes a new connection at once when its source
 * is not allowed or a connection cap is reached (counted by {@link SourceLimiter}), before any byte
 * is read or a TLS handshake starts; releases the admission when an admitted connection closes.
 *
 * <p>{@link Sharable} and thread-safe: per-connection state is a channel attribute.
 */
@Sharable
public final class AdmissionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(AdmissionHandler.class);
  private static final AttributeKey<InetAddress> ADMITTED =
      AttributeKey.valueOf("outpost.admitted-source");

  private final SourceLimiter limiter;

  public AdmissionHandler(SourceLimiter limiter) {
    this.limiter = limiter;
  }

  /** The source address of an admitted connection, or null. */
  public static InetAddress source(io.netty.channel.Channel channel) {
    return channel.attr(ADMITTED).get();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    InetAddress address = address(ctx);
    LimitReason refused = address == null ? LimitReason.NOT_ALLOWED : limiter.admit(address);
    if (refused != null) {
      LOG.debug("Refusing connection from {}: {}", ctx.channel().remoteAddress(), refused.tag());
      ctx.close();
      return;
    }
    ctx.channel().attr(ADMITTED).set(address);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    InetAddress address = ctx.channel().attr(ADMITTED).getAndSet(null);
    if (address != null) {
      limiter.release(address);
      ctx.fireChannelInactive();
    }
  }

  private static InetAddress address(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress inet
        ? inet.getAddress()
        : null;
  }
}
