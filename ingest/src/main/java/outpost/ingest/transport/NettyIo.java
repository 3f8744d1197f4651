package outpost.ingest.transport;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Chooses the Netty I/O implementation: native epoll when {@link Epoll#isAvailable()}, else NIO.
 * Stateless and thread-safe.
 */
public final class NettyIo {
  /** How long {@link #shutdown} waits for an event loop group to terminate. */
  public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  private NettyIo() {}

  /** True when the native epoll transport (and so {@code SO_REUSEPORT}) is usable. */
  public static boolean isNative() {
    return Epoll.isAvailable();
  }

  /**
   * A new event loop group with {@code threads} threads named {@code name-N}; the caller shuts it
   * down with {@link #shutdown}.
   */
  public static MultiThreadIoEventLoopGroup newGroup(int threads, String name) {
    IoHandlerFactory factory = isNative() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name), factory);
  }

  public static Class<? extends DatagramChannel> datagramChannelType() {
    return isNative() ? EpollDatagramChannel.class : NioDatagramChannel.class;
  }

  public static Class<? extends ServerSocketChannel> serverChannelType() {
    return isNative() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /**
   * Binds and waits for the result.
   *
   * @throws IOException when the address cannot be bound, naming it
   */
  public static Channel bind(AbstractBootstrap<?, ?> bootstrap, SocketAddress address, String what)
      throws IOException {
    ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
    if (bound.isSuccess()) {
      return bound.channel();
    }
    Throwable cause = bound.cause();
    throw new IOException(
        "cannot bind " + what + " to " + address + ": " + cause.getMessage(), cause);
  }

  /**
   * Shuts a group down without a quiet period and waits for it; restores the interrupt flag when
   * interrupted while waiting.
   */
  public static void shutdown(MultiThreadIoEventLoopGroup group) {
    Future<?> done =
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    try {
      done.await(SHUTDOWN_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
