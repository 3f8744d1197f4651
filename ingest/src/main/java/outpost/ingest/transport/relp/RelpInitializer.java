package outpost.ingest.transport.relp;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import outpost.ingest.transport.ConnectionFields;
import outpost.ingest.transport.CountingEventDecoder;
import outpost.ingest.transport.MeteredSink;
import outpost.ingest.transport.limits.AdmissionHandler;
import outpost.ingest.transport.limits.ByteRateHandler;
import outpost.ingest.transport.limits.MessageRateHandler;
import outpost.ingest.transport.limits.SourceLimiter;
import outpost.ingest.transport.tcp.ConnectionCountHandler;
import outpost.ingest.transport.tcp.IdleCloseHandler;
import outpost.ingest.transport.tls.SyslogTlsContext;
import outpost.ingest.transport.tls.TlsHandshakeHandler;

/**
 * Builds the pipeline of an accepted RELP connection: {@code admission} (allow-list, connection
 * caps; before any handshake work) -> {@code connections} (count) -> {@code idle} + {@code
 * idle-close} (with an idle timeout) -> {@code byte-rate} (with a byte limit; wire bytes) -> on the
 * TLS listener {@code tls} (a new engine from the current {@link SyslogTlsContext}) and {@code
 * handshake} (refusals, client subject) -> {@code framer} (RELP frames) -> {@code message-rate}
 * (with a message limit) -> {@code session} (commands, store, acknowledgements). Thread-safe (Netty
 * shares initializers).
 */
public final class RelpInitializer extends ChannelInitializer<Channel> {
  private final RelpReceiverConfig config;
  private final ConnectionCountHandler connections;
  private final CountingEventDecoder decoder;
  private final MeteredSink sink;
  private final RelpDuplicates duplicates;
  private final Counter protocolErrors;
  private final SourceLimiter limiter;
  private final AdmissionHandler admission;
  private final SyslogTlsContext tls;
  private final TlsHandshakeHandler handshake;

  /**
   * @param limiter the listener's limits
   * @param tls the TLS context for a RELP over TLS listener; null for plain RELP
   * @param handshake counts refused handshakes and keeps the client subject; null for plain RELP
   */
  public RelpInitializer(
      RelpReceiverConfig config,
      ConnectionCountHandler connections,
      CountingEventDecoder decoder,
      MeteredSink sink,
      RelpDuplicates duplicates,
      Counter protocolErrors,
      SourceLimiter limiter,
      SyslogTlsContext tls,
      TlsHandshakeHandler handshake) {
    if ((tls == null) != (handshake == null)) {
      throw new IllegalArgumentException("a TLS context needs a handshake handler and back");
    }
    this.config = config;
    this.connections = connections;
    this.decoder = decoder;
    this.sink = sink;
    this.duplicates = duplicates;
    this.protocolErrors = protocolErrors;
    this.limiter = limiter;
    this.admission = new AdmissionHandler(limiter);
    this.tls = tls;
    this.handshake = handshake;
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
    ConnectionFields fields = ConnectionFields.NONE;
    if (tls != null) {
      pipeline.addLast("tls", tls.current().newHandler(channel.alloc()));
      pipeline.addLast("handshake", handshake);
      fields = handshake;
    }
    pipeline.addLast("framer", new RelpFrameDecoder(config.maxFrameBytes()));
    if (limiter.limits().ratePerConnection() > 0 || limiter.limits().ratePerSource() > 0) {
      pipeline.addLast("message-rate", new MessageRateHandler(limiter, RelpFrame.class));
    }
    pipeline.addLast(
        "session",
        new RelpSessionHandler(
            decoder, sink, duplicates, config.maxPendingAcks(), protocolErrors, fields));
  }
}
