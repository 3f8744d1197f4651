package outpost.ingest.transport.udp;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.LogSink;
import outpost.index.Transport;
import outpost.ingest.EventDecoder;
import outpost.ingest.IngestMetrics;
import outpost.ingest.transport.CountingEventDecoder;
import outpost.ingest.transport.MeteredSink;
import outpost.ingest.transport.NettyIo;
import outpost.ingest.transport.limits.ListenerLimits;
import outpost.ingest.transport.limits.SourceLimiter;

/**
 * Receives syslog over UDP (RFC 5426: one message per datagram) on one or more sockets bound to the
 * same port with SO_REUSEPORT, and hands the events to a {@link LogSink}. UDP cannot push back, so
 * what the store refuses is dropped and counted; what the kernel drops before Outpost sees it is
 * exported from {@code /proc/net/snmp} (machine-wide) next to Outpost's own counters.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()} (safe twice; also after a failed
 * start). The creator closes it. Thread-safe for the accessors.
 */
public final class SyslogUdpReceiver implements AutoCloseable {
  /** Receive buffer per datagram: the largest UDP payload, so no datagram is cut by the kernel. */
  public static final int MAX_DATAGRAM_BYTES = 65_535;

  private static final Logger LOG = LoggerFactory.getLogger(SyslogUdpReceiver.class);

  private final UdpReceiverConfig config;
  private final IngestMetrics metrics;
  private final SyslogUdpInitializer initializer;
  private final SourceLimiter limiter;
  private final UdpKernel kernel;
  private final List<FunctionCounter> kernelCounters = new ArrayList<>();
  private final List<Channel> channels = new CopyOnWriteArrayList<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile MultiThreadIoEventLoopGroup group;
  private volatile int port = -1;

  /** The listener's limit state and counts. */
  public SourceLimiter limiter() {
    return limiter;
  }

  public SyslogUdpReceiver(
      UdpReceiverConfig config,
      EventDecoder decoder,
      LogSink sink,
      MeterRegistry registry,
      InstantSource clock) {
    this(config, ListenerLimits.NONE, decoder, sink, registry, clock, new UdpKernel());
  }

  /**
   * @param limits allow-list and per-source rates; datagrams over them are dropped and counted
   */
  public SyslogUdpReceiver(
      UdpReceiverConfig config,
      ListenerLimits limits,
      EventDecoder decoder,
      LogSink sink,
      MeterRegistry registry,
      InstantSource clock) {
    this(config, limits, decoder, sink, registry, clock, new UdpKernel());
  }

  /** With another view of the kernel's files, for tests. */
  SyslogUdpReceiver(
      UdpReceiverConfig config,
      EventDecoder decoder,
      LogSink sink,
      MeterRegistry registry,
      InstantSource clock,
      UdpKernel kernel) {
    this(config, ListenerLimits.NONE, decoder, sink, registry, clock, kernel);
  }

  private SyslogUdpReceiver(
      UdpReceiverConfig config,
      ListenerLimits limits,
      EventDecoder decoder,
      LogSink sink,
      MeterRegistry registry,
      InstantSource clock,
      UdpKernel kernel) {
    this.config = config;
    this.kernel = kernel;
    this.metrics = new IngestMetrics(registry, Transport.UDP);
    this.limiter = new SourceLimiter(limits, Transport.UDP, registry, System::nanoTime);
    this.initializer =
        new SyslogUdpInitializer(
            new CountingEventDecoder(decoder, metrics, clock),
            new MeteredSink(sink, metrics),
            config.maxFrameBytes(),
            limiter);
    kernelCounters.add(
        kernelCounter(
            IngestMetrics.UDP_KERNEL_RCVBUF_ERRORS,
            UdpKernel.RCVBUF_ERRORS,
            "Machine-wide UDP datagrams the kernel dropped on a full socket receive buffer"
                + " (/proc/net/snmp, all UDP sockets of the host)"));
    kernelCounters.add(
        kernelCounter(
            IngestMetrics.UDP_KERNEL_IN_ERRORS,
            UdpKernel.IN_ERRORS,
            "Machine-wide UDP datagrams the kernel could not deliver"
                + " (/proc/net/snmp, all UDP sockets of the host)"));
  }

  private FunctionCounter kernelCounter(String name, String field, String description) {
    return FunctionCounter.builder(name, kernel, k -> k.udpCounter(field))
        .description(description)
        .baseUnit("datagrams")
        .register(metrics.registry());
  }

  /**
   * Binds every channel and starts receiving.
   *
   * @return the bound port (the chosen one when the config says 0)
   * @throws IOException when the address cannot be bound
   * @throws IllegalStateException when called twice or after close
   */
  public int start() throws IOException {
    if (closed.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException("UDP receiver already started or closed");
    }
    int count = channelCount();
    warnWhenKernelCapsReceiveBuffer();
    group = NettyIo.newGroup(count, "outpost-udp");
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NettyIo.datagramChannelType())
            .option(ChannelOption.SO_RCVBUF, config.receiveBufferBytes())
            .option(
                ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES))
            .handler(initializer);
    if (count > 1) {
      bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
    }
    Channel first =
        NettyIo.bind(bootstrap, new InetSocketAddress(config.bindAddress(), config.port()), "UDP");
    channels.add(first);
    int bound = ((InetSocketAddress) first.localAddress()).getPort();
    for (int i = 1; i < count; i++) {
      InetSocketAddress same = new InetSocketAddress(config.bindAddress(), bound);
      channels.add(NettyIo.bind(bootstrap, same, "UDP channel " + (i + 1)));
    }
    port = bound;
    LOG.info(
        "UDP syslog listening on {}:{} ({}, channels: {}, SO_RCVBUF {} bytes as the kernel"
            + " reports it, frame limit {} bytes)",
        config.bindAddress(),
        bound,
        NettyIo.isNative() ? "epoll" : "nio",
        count,
        first.config().getOption(ChannelOption.SO_RCVBUF),
        config.maxFrameBytes());
    return bound;
  }

  private int channelCount() {
    if (!NettyIo.isNative()) {
      return 1; // SO_REUSEPORT needs the native transport
    }
    return config.channels() > 0
        ? config.channels()
        : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  private void warnWhenKernelCapsReceiveBuffer() {
    OptionalLong cap = kernel.receiveBufferMax();
    if (cap.isPresent() && cap.getAsLong() < config.receiveBufferBytes()) {
      LOG.warn(
          "UDP receive buffer of {} bytes requested but the kernel caps it at net.core.rmem_max ="
              + " {} bytes; bursts will be dropped by the kernel (see {}). Raise the cap with:"
              + " sysctl -w net.core.rmem_max={}",
          config.receiveBufferBytes(),
          cap.getAsLong(),
          IngestMetrics.UDP_KERNEL_RCVBUF_ERRORS,
          config.receiveBufferBytes());
    }
  }

  /** The bound port, or -1 before {@link #start()}. */
  public int port() {
    return port;
  }

  /** Sockets receiving on the port. */
  public int channels() {
    return channels.size();
  }

  /** This receiver's counters. */
  public IngestMetrics metrics() {
    return metrics;
  }

  /** Machine-wide kernel UDP receive-buffer drops; NaN when unknown. */
  public double kernelReceiveBufferErrors() {
    return kernel.udpCounter(UdpKernel.RCVBUF_ERRORS);
  }

  /** Closes every channel and waits for the event loops to end. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Channel channel : channels) {
      channel.close().awaitUninterruptibly();
    }
    MultiThreadIoEventLoopGroup loops = group;
    if (loops != null) {
      NettyIo.shutdown(loops);
    }
    kernelCounters.forEach(metrics.registry()::remove);
    port = -1;
  }
}
