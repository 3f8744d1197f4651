package outpost.ingest.transport.relp;

import io.micrometer.core.instrument.Counter;
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
import outpost.ingest.transport.tcp.ConnectionCountHandler;

/**
 * Receives syslog over RELP (rsyslog's {@code omrelp}): each message is acknowledged once the store
 * has journaled it, and a sender's resends after a broken session are recognised ({@link
 * RelpDuplicates}) rather than stored twice.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()} (safe twice; also after a failed
 * start). The creator closes it. Thread-safe for {@link #port()}, {@link #connections()} and {@link
 * #metrics()}.
 */
public final class RelpReceiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RelpReceiver.class);

  private final RelpReceiverConfig config;
  private final IngestMetrics metrics;
  private final ConnectionCountHandler connections = new ConnectionCountHandler();
  private final RelpDuplicates duplicates;
  private final RelpInitializer initializer;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Gauge connectionGauge;
  private volatile MultiThreadIoEventLoopGroup group;
  private volatile Channel serverChannel;
  private volatile int port = -1;

  /**
   * @param lookup finds resends of messages stored before this process started; null recognises
   *     resends within this process only
   */
  public RelpReceiver(
      RelpReceiverConfig config,
      EventDecoder decoder,
      LogSink sink,
      JournaledLookup lookup,
      MeterRegistry registry,
      InstantSource clock) {
    this.config = config;
    this.metrics = new IngestMetrics(registry, Transport.RELP);
    this.duplicates =
        new RelpDuplicates(
            lookup,
            clock,
            counter(IngestMetrics.RELP_DUPLICATES, "RELP resends recognised, answered, not stored"),
            counter(
                IngestMetrics.RELP_LOOKUPS_SKIPPED,
                "RELP sessions whose resend lookup was skipped (queue full)"));
    this.initializer =
        new RelpInitializer(
            config,
            connections,
            new CountingEventDecoder(decoder, metrics, clock),
            new MeteredSink(sink, metrics),
            duplicates,
            counter(IngestMetrics.RELP_PROTOCOL_ERRORS, "RELP protocol violations"));
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name)
        .description(description)
        .tags(metrics.transportTags())
        .register(metrics.registry());
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
      throw new IllegalStateException("RELP receiver already started or closed");
    }
    group = NettyIo.newGroup(config.threads(), "outpost-relp");
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NettyIo.serverChannelType())
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(initializer);
    InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
    serverChannel = NettyIo.bind(bootstrap, address, "RELP");
    port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    connectionGauge =
        Gauge.builder(IngestMetrics.CONNECTIONS, connections::open)
            .description("Open syslog connections")
            .baseUnit("connections")
            .tags(metrics.transportTags())
            .register(metrics.registry());
    LOG.info(
        "RELP listening on {}:{} ({}, {} threads, frame limit {} bytes, {} unanswered frames"
            + " per session)",
        config.bindAddress(),
        port,
        NettyIo.isNative() ? "epoll" : "nio",
        config.threads(),
        config.maxFrameBytes(),
        config.maxPendingAcks());
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

  /** Stops accepting, closes every session and waits for the event loops to end. */
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
    duplicates.close();
    Gauge gauge = connectionGauge;
    if (gauge != null) {
      metrics.registry().remove(gauge);
    }
    port = -1;
  }
}
