package outpost.ingest.transport.tcp;

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
import outpost.ingest.transport.limits.ListenerLimits;
import outpost.ingest.transport.limits.MessageRateHandler;
import outpost.ingest.transport.limits.SourceLimiter;

/**
 * Builds the pipeline of an accepted TCP syslog connection: {@code admission} (allow-list,
 * connection caps) -> {@code connections} (count) -> {@code idle} + {@code idle-close} (only with
 * an idle timeout) -> {@code byte-rate} (with a byte limit) -> {@code framer} (RFC 6587 frames) ->
 * {@code message-rate} (with a message limit) -> {@code ingest} (events, batches, backpressure).
 * Thread-safe (Netty shares initializers).
 */
public final class SyslogTcpInitializer extends ChannelInitializer<Channel> {
  private final TcpReceiverConfig config;
  private final ConnectionCountHandler connections;
  private final CountingEventDecoder decoder;
  private final MeteredSink sink;
  private final Counter invalidOctetCounts;
  private final SourceLimiter limiter;
  private final AdmissionHandler admission;

  public SyslogTcpInitializer(
      TcpReceiverConfig config,
      ConnectionCountHandler connections,
      CountingEventDecoder decoder,
      MeteredSink sink) {
    this(
        config,
        connections,
        decoder,
        sink,
        new SourceLimiter(
            ListenerLimits.NONE,
            decoder.metrics().transport(),
            decoder.metrics().registry(),
            System::nanoTime));
  }

  /**
   * @param limiter the listener's limits: {@code admission} (allow-list, connection caps) first,
   *     {@code byte-rate} before the framer, {@code message-rate} after it
   */
  public SyslogTcpInitializer(
      TcpReceiverConfig config,
      ConnectionCountHandler connections,
      CountingEventDecoder decoder,
      MeteredSink sink,
      SourceLimiter limiter) {
    this.limiter = limiter;
    this.admission = new AdmissionHandler(limiter);
    this.config = config;
    this.connections = connections;
    this.decoder = decoder;
    this.sink = sink;
    // registered now, so /metrics shows it from the start
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
    pipeline.addLast("framer", new SyslogFrameDecoder(config.maxFrameBytes()));
    if (limiter.limits().ratePerConnection() > 0 || limiter.limits().ratePerSource() > 0) {
      pipeline.addLast("message-rate", new MessageRateHandler(limiter, SyslogFrame.class));
    }
    pipeline.addLast("ingest", new SyslogTcpHandler(decoder, sink, invalidOctetCounts));
  }
}
