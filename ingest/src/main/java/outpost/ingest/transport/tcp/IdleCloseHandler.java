package outpost.ingest.transport.tcp;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that the {@code IdleStateHandler} before it reports idle, unless the
 * connection is paused by backpressure. Stateless, {@link Sharable} and thread-safe.
 */
@Sharable
public final class IdleCloseHandler extends ChannelInboundHandlerAdapter {
  /** The one instance; the handler has no state. */
  public static final IdleCloseHandler INSTANCE = new IdleCloseHandler();

  private static final Logger LOG = LoggerFactory.getLogger(IdleCloseHandler.class);

  private IdleCloseHandler() {}

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      // a channel paused by backpressure reads nothing but is not idle: closing it would lose
      // what waits in the socket buffers
      if (ctx.channel().config().isAutoRead()) {
        LOG.debug("Closing idle TCP syslog connection from {}", ctx.channel().remoteAddress());
        ctx.close();
      }
    } else {
      ctx.fireUserEventTriggered(event);
    }
  }
}
