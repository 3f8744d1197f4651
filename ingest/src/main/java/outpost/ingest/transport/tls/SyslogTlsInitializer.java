package outpost.ingest.transport.tls;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import outpost.ingest.transport.CountingEventDecoder;
import outpost.ingest.transport.MeteredSink;
import outpost.ingest.transport.limits.AdmissionHandler;
import outpost.ingest.transport.limits.ByteRateHandler;
import outpost.ingest.transport.limits.MessageRateHandler;
import outpost.ingest.transport.limits.SourceLimiter;
import outpost.ingest.transport.tcp.ConnectionCountHandler;
import outpost.ingest.transport.tcp.IdleCloseHandler;
import outpost.ingest.transport.tcp.SyslogFrame;
import outpost.ingest.transport.tcp.SyslogFrameDecoder;
import outpost.ingest.transport.tcp.SyslogTcpHandler;

/**
 * Builds the pipeline of an accepted TLS syslog connection: {@code admission} (allow-list,
 * connection caps; before any handshake work) -> {@code connections} -> {@code idle} + {@code
 * idle-close} (with an idle timeout) -> {@code byte-rate} (with a byte limit; wire bytes) -> {@code
 * tls} (a new engine from the current {@link SyslogTlsContext}) -> {@code handshake} (refusals,
 * client subject) -> {@code framer} (octet counting per RFC 5425 section 4.3, LF accepted as on
 * TCP) -> {@code message-rate} (with a message limit) -> {@code ingest}. Thread-safe (Netty shares
 * initializers).
 */
public final class SyslogTlsInitializer extends ChannelInitializer<Channel> {
  private final TlsReceiverConfig config;
  private final SyslogTlsContext context;
  private final ConnectionCountHandler connections;
  private final TlsHandshakeHandler handshake;
  private final CountingEventDecoder decoder;
  private final MeteredSink sink;
  private final SourceLimiter limiter;
  private final AdmissionHandler admission;
  private final Counter invalidOctetCounts;

  public SyslogTlsInitializer(
      TlsReceiverConfig config,
      SyslogTlsContext context,
      ConnectionCountHandler connections,
      TlsHandshakeHandler handshake,
      CountingEventDecoder decoder,
      MeteredSink sink,
      SourceLimiter limiter) {
    this.config = config;
    this.context = context;
    this.connections = connections;
    this.handshake = handshake;
    this.decoder = decoder;
    this.sink = sink;
    this.limiter = limiter;
    this.admission = new AdmissionHandler(limiter);
    this.invalidOctetCounts = decoder.metrics().invalidOctetCounts();
  }

  @Override
  protected void initChannel(Channel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast("admission", admission);
    pipeline.addLast("connections", connections);
    long idleMillis = config.idleTimeout().toMillis();
    if (idleMillis > 0) {
      pipeline.addLast("idle", new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
      pipeline.addLast("idle-close", IdleCloseHandler.INSTANCE);
    }
    if (limiter.limits().bytesPerSource() > 0) {
      pipeline.addLast("byte-rate", new ByteRateHandler(limiter));
    }
    pipeline.addLast("tls", context.current().newHandler(channel.alloc()));
    pipeline.addLast("handshake", handshake);
    pipeline.addLast("framer", new SyslogFrameDecoder(config.maxFrameBytes()));
    if (limiter.limits().ratePerConnection() > 0 || limiter.limits().ratePerSource() > 0) {
      pipeline.addLast("message-rate", new MessageRateHandler(limiter, SyslogFrame.class));
    }
    pipeline.addLast("ingest", new SyslogTcpHandler(decoder, sink, invalidOctetCounts, handshake));
  }
}
