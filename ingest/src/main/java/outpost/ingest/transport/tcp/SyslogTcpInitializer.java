package outpost.ingest.transport.tcp;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import outpost.ingest.transport.CountingEventDecoder;
import outpost.ingest.transport.MeteredSink;

/**
 * Builds the pipeline of an accepted TCP syslog connection: {@code connections} (count) -> {@code
 * idle} + {@code idle-close} (only with an idle timeout) -> {@code framer} (RFC 6587 frames) ->
 * {@code ingest} (events, batches, backpressure). Thread-safe (Netty shares initializers).
 */
public final class SyslogTcpInitializer extends ChannelInitializer<Channel> {
  private final TcpReceiverConfig config;
  private final ConnectionCountHandler connections;
  private final CountingEventDecoder decoder;
  private final MeteredSink sink;
  private final Counter invalidOctetCounts;

  public SyslogTcpInitializer(
      TcpReceiverConfig config,
      ConnectionCountHandler connections,
      CountingEventDecoder decoder,
      MeteredSink sink) {
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
    pipeline.addLast("connections", connections);
    long idleMillis = config.idleTimeout().toMillis();
    if (idleMillis > 0) {
      pipeline.addLast("idle", new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
      pipeline.addLast("idle-close", IdleCloseHandler.INSTANCE);
    }
    pipeline.addLast("framer", new SyslogFrameDecoder(config.maxFrameBytes()));
    pipeline.addLast("ingest", new SyslogTcpHandler(decoder, sink, invalidOctetCounts));
  }
}
