package outpost.ingest.transport.tcp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.InstantSource;
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
 * Receives syslog over TCP (RFC 6587, both framings, any number of connections) and hands the
 * events to a {@link LogSink}, stopping to read from a connection while the sink is full.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()} (safe twice; also after a failed
 * start). The creator closes it. Thread-safe for {@link #port()}, {@link #connections()} and {@link
 * #metrics()}.
 */
public final class SyslogTcpReceiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyslogTcpReceiver.class);

  private final TcpReceiverConfig config;
  private final IngestMetrics metrics;
  private final ConnectionCountHandler connections = new ConnectionCountHandler();
  private final SyslogTcpInitializer initializer;
  private final SourceLimiter limiter;
  private volatile Gauge connectionGauge;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile MultiThreadIoEventLoopGroup group;
  private volatile Channel serverChannel;
  private volatile int port = -1;

  public SyslogTcpReceiver(
      TcpReceiverConfig config,
      EventDecoder decoder,
      LogSink sink,
      MeterRegistry registry,
      InstantSource clock) {
    this(config, ListenerLimits.NONE, decoder, sink, registry, clock);
  }

  /**
   * @param limits the listener's allow-list, connection caps and rates
   */
  public SyslogTcpReceiver(
      TcpReceiverConfig config,
      ListenerLimits limits,
      EventDecoder decoder,
      LogSink sink,
      MeterRegistry registry,
      InstantSource clock) {
    this.config = config;
    this.metrics = new IngestMetrics(registry, Transport.TCP);
    this.limiter = new SourceLimiter(limits, Transport.TCP, registry, System::nanoTime);
    this.initializer =
        new SyslogTcpInitializer(
            config,
            connections,
            new CountingEventDecoder(decoder, metrics, clock),
            new MeteredSink(sink, metrics),
            limiter);
  }

  /** The listener's limit state and counts. */
  public SourceLimiter limiter() {
    return limiter;
  }

  /**
   * Binds and starts accepting connections.
   *
   * @return the bound port (the chosen one when the config says 0)
   * @throws IOException when the address cannot be bound
   * @throws IllegalStateException when called twice or after close
   */
  public int start() throws IOException {
    if (closed.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException("TCP receiver already started or closed");
    }
    group = NettyIo.newGroup(config.threads(), "outpost-tcp");
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NettyIo.serverChannelType())
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.SO_BACKLOG, 1024)
            // reaps peers that vanished without FIN (a scaled-in cloud node)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(initializer);
    InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
    serverChannel = NettyIo.bind(bootstrap, address, "TCP syslog");
    port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    connectionGauge =
        Gauge.builder(IngestMetrics.CONNECTIONS, connections::open)
            .description("Open syslog connections")
            .baseUnit("connections")
            .tags(metrics.transportTags())
            .register(metrics.registry());
    LOG.info(
        "TCP syslog listening on {}:{} ({}, {} threads, frame limit {} bytes)",
        config.bindAddress(),
        port,
        NettyIo.isNative() ? "epoll" : "nio",
        config.threads(),
        config.maxFrameBytes());
    return port;
  }

  /** The bound port, or -1 before {@link #start()}. */
  public int port() {
    return port;
  }

  /** Connections open now. */
  public int connections() {
    return connections.open();
  }

  /** This receiver's counters. */
  public IngestMetrics metrics() {
    return metrics;
  }

  /** Stops accepting, closes every connection and waits for the event loops to end. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Channel channel = serverChannel;
    if (channel != null) {
      channel.close().awaitUninterruptibly();
    }
    MultiThreadIoEventLoopGroup loops = group;
    if (loops != null) {
      NettyIo.shutdown(loops);
    }
    Gauge gauge = connectionGauge;
    if (gauge != null) {
      metrics.registry().remove(gauge);
    }
    port = -1;
  }
}
