package outpost.ingest.transport.tls;

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
import outpost.ingest.transport.limits.SourceLimiter;
import outpost.ingest.transport.tcp.ConnectionCountHandler;

/**
 * Receives syslog over TLS (RFC 5425) and hands the events to a {@link LogSink}, with the framing,
 * batching and backpressure of the TCP receiver. The TLS context is loaded at construction (so bad
 * files fail start-up) and, with a reload interval, its files are checked on a thread of its own
 * (file reads never run on an event loop); new connections use the newest context.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()} (safe twice; also after a failed
 * start). The creator closes it. Thread-safe.
 */
public final class SyslogTlsReceiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyslogTlsReceiver.class);

  private final TlsReceiverConfig config;
  private final IngestMetrics metrics;
  private final SyslogTlsContext context;
  private final SourceLimiter limiter;
  private final TlsHandshakeHandler handshake;
  private final TlsFileWatch watch;
  private final ConnectionCountHandler connections = new ConnectionCountHandler();
  private final SyslogTlsInitializer initializer;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile MultiThreadIoEventLoopGroup group;
  private volatile Channel serverChannel;
  private volatile Gauge connectionGauge;
  private volatile int port = -1;

  /**
   * @throws TlsSetupException when the key material or trust files cannot be used
   */
  public SyslogTlsReceiver(
      TlsReceiverConfig config,
      EventDecoder decoder,
      LogSink sink,
      MeterRegistry registry,
      InstantSource clock) {
    this.config = config;
    this.context = SyslogTlsContext.load(config.tls(), clock);
    this.metrics = new IngestMetrics(registry, Transport.TLS);
    this.limiter = new SourceLimiter(config.limits(), Transport.TLS, registry, System::nanoTime);
    this.handshake = new TlsHandshakeHandler(registry);
    this.watch = new TlsFileWatch(context, "syslog-tls", registry);
    this.initializer =
        new SyslogTlsInitializer(
            config,
            context,
            connections,
            handshake,
            new CountingEventDecoder(decoder, metrics, clock),
            new MeteredSink(sink, metrics),
            limiter);
  }

  /**
   * Binds and starts accepting connections and, with a reload interval, watching the files.
   *
   * @return the bound port
   * @throws IOException when the address cannot be bound
   */
  public int start() throws IOException {
    if (closed.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException("TLS receiver already started or closed");
    }
    group = NettyIo.newGroup(config.threads(), "outpost-tls");
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(NettyIo.serverChannelType())
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(initializer);
    InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
    serverChannel = NettyIo.bind(bootstrap, address, "TLS syslog");
    port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    connectionGauge =
        Gauge.builder(IngestMetrics.CONNECTIONS, connections::open)
            .description("Open syslog connections")
            .baseUnit("connections")
            .tags(metrics.transportTags())
            .register(metrics.registry());
    watch.start(config.tls().reloadInterval());
    LOG.info(
        "TLS syslog listening on {}:{} (client certificates {}, certificate {})",
        config.bindAddress(),
        port,
        config.tls().clientAuth().id(),
        context.certificate().getSubjectX500Principal());
    return port;
  }

  /**
   * Checks the TLS files now and reloads the context when one changed (also what the periodic check
   * does). Blocks on file reads: never call on an event loop.
   *
   * @return true when new connections now use a new context
   */
  public boolean reload() {
    return watch.reload();
  }

  public int port() {
    return port;
  }

  public int connections() {
    return connections.open();
  }

  public IngestMetrics metrics() {
    return metrics;
  }

  public SourceLimiter limiter() {
    return limiter;
  }

  /** Handshake refusals by reason. */
  public TlsHandshakeHandler handshakes() {
    return handshake;
  }

  public SyslogTlsContext context() {
    return context;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    watch.close();
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
