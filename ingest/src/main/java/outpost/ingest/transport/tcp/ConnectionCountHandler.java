package outpost.ingest.transport.tcp;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open connections. Thread-safe and {@link Sharable}: one instance serves every connection
 * of a receiver.
 */
@Sharable
public final class ConnectionCountHandler extends ChannelInboundHandlerAdapter {
  private final AtomicInteger open = new AtomicInteger();

  /** Connections open now. */
  public int open() {
    return open.get();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    open.incrementAndGet();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    open.decrementAndGet();
    ctx.fireChannelInactive();
  }
}
