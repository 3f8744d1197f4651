package outpost.ingest.transport.relp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
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
import outpost.ingest.transport.limits.SourceLimiter;
import outpost.ingest.transport.tcp.ConnectionCountHandler;
import outpost.ingest.transport.tls.SyslogTlsContext;
import outpost.ingest.transport.tls.TlsFileWatch;
import outpost.ingest.transport.tls.TlsHandshakeHandler;

/**
 * Receives syslog over RELP (rsyslog's {@code omrelp}), plain and/or over TLS: each message is
 * acknowledged once the store has journaled it, and a sender's resends after a broken session are
 * recognised ({@link RelpDuplicates}) rather than stored twice. The two listeners share the event
 * loops, the counters (transport {@code relp}) and the resend memory; each has its own limits. The
 * TLS context is loaded at construction (bad files fail start-up) and, with a reload interval, its
 * files are checked on a thread of its own.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()} (safe twice; also after a failed
 * start). The creator closes it. Thread-safe.
 */
public final class RelpReceiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RelpReceiver.class);

  private final RelpReceiverConfig config;
  private final IngestMetrics metrics;
  private final ConnectionCountHandler connections = new ConnectionCountHandler();
  private final RelpDuplicates duplicates;
  private final SourceLimiter limiter;
  private final SourceLimiter tlsLimiter;
  private final TlsFileWatch watch;
  private final TlsHandshakeHandler handshake;
  private final RelpInitializer initializer;
  private final RelpInitializer tlsInitializer;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Gauge connectionGauge;
  private volatile MultiThreadIoEventLoopGroup group;
  private volatile Channel serverChannel;
  private volatile Channel tlsServerChannel;
  private volatile int port = -1;
  private volatile int tlsPort = -1;

  /**
   * @param lookup finds resends of messages stored before this process started; null recognises
   *     resends within this process only
   * @throws outpost.ingest.transport.tls.TlsSetupException when the TLS files cannot be used
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
    CountingEventDecoder counting = new CountingEventDecoder(decoder, metrics, clock);
    MeteredSink metered = new MeteredSink(sink, metrics);
    Counter protocolErrors =
        counter(IngestMetrics.RELP_PROTOCOL_ERRORS, "RELP protocol violations");
    // both listeners count as listener "relp"; their counters are the same meters
    this.limiter = new SourceLimiter(config.limits(), Transport.RELP, registry, System::nanoTime);
    this.tlsLimiter =
        new SourceLimiter(config.limits(), Transport.RELP, registry, System::nanoTime);
    this.initializer =
        new RelpInitializer(
            config,
            connections,
            counting,
            metered,
            duplicates,
            protocolErrors,
            limiter,
            null,
            null);
    if (config.tlsPort() != RelpReceiverConfig.OFF) {
      SyslogTlsContext tlsContext = SyslogTlsContext.load(config.tls().orElseThrow(), clock);
      this.watch = new TlsFileWatch(tlsContext, "relp-tls", registry);
      this.handshake = new TlsHandshakeHandler(registry);
      this.tlsInitializer =
          new RelpInitializer(
              config,
              connections,
              counting,
              metered,
              duplicates,
              protocolErrors,
              tlsLimiter,
              tlsContext,
              handshake);
    } else {
      this.watch = null;
      this.handshake = null;
      this.tlsInitializer = null;
    }
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name)
        .description(description)
        .tags(metrics.transportTags())
        .register(metrics.registry());
  }

  /**
   * Binds the enabled listeners and starts accepting connections and, with TLS and a reload
   * interval, watching the TLS files.
   *
   * @return the bound plain port, or -1 when only RELP over TLS is on
   * @throws IOException when an address cannot be bound
   * @throws IllegalStateException when called twice or after close
   */
  public int start() throws IOException {
    if (closed.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException("RELP receiver already started or closed");
    }
    group = NettyIo.newGroup(config.threads(), "outpost-relp");
    if (config.port() != RelpReceiverConfig.OFF) {
      serverChannel = bind(config.port(), initializer, "RELP");
      port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }
    if (tlsInitializer != null) {
      tlsServerChannel = bind(config.tlsPort(), tlsInitializer, "RELP over TLS");
      tlsPort = ((InetSocketAddress) tlsServerChannel.localAddress()).getPort();
      watch.start(config.tls().orElseThrow().reloadInterval());
    }
    connectionGauge =
        Gauge.builder(IngestMetrics.CONNECTIONS, connections::open)
            .description("Open syslog connections")
            .baseUnit("connections")
            .tags(metrics.transportTags())
            .register(metrics.registry());
    LOG.info(
        "RELP listening on {} port {}, TLS port {} ({}, {} threads, frame limit {} bytes, {}"
            + " unanswered frames per session)",
        config.bindAddress(),
        port,
        tlsPort,
        NettyIo.isNative() ? "epoll" : "nio",
        config.threads(),
        config.maxFrameBytes(),
        config.maxPendingAcks());
    return port;
  }

  private Channel bind(int wanted, ChannelInitializer<Channel> childHandler, String what)
      throws IOException {
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NettyIo.serverChannelType())
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(childHandler);
    return NettyIo.bind(bootstrap, new InetSocketAddress(config.bindAddress(), wanted), what);
  }

  /**
   * Checks the TLS files now and reloads the context when one changed (also what the periodic check
   * does). Blocks on file reads: never call on an event loop.
   *
   * @return true when new TLS connections now use a new context; false without TLS
   */
  public boolean reload() {
    return watch != null && watch.reload();
  }

  /** The bound plain port, or -1 before {@link #start()} or when plain RELP is off. */
  public int port() {
    return port;
  }

  /** The bound RELP over TLS port, or -1 before {@link #start()} or when it is off. */
  public int tlsPort() {
    return tlsPort;
  }

  /** Connections open now, on both listeners. */
  public int connections() {
    return connections.open();
  }

  /** This receiver's counters. */
  public IngestMetrics metrics() {
    return metrics;
  }

  /** The plain listener's limit state and counts. */
  public SourceLimiter limiter() {
    return limiter;
  }

  /** The TLS listener's limit state and counts. */
  public SourceLimiter tlsLimiter() {
    return tlsLimiter;
  }

  /** Handshake refusals by reason on the TLS listener; null when it is off. */
  public TlsHandshakeHandler handshakes() {
    return handshake;
  }

  /** Stops accepting, closes every session and waits for the event loops to end. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (watch != null) {
      watch.close();
    }
    for (Channel channel : new Channel[] {serverChannel, tlsServerChannel}) {
      if (channel != null) {
        channel.close().awaitUninterruptibly();
      }
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
    tlsPort = -1;
  }
}
