package outpost.ingest.transport.relp;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import outpost.ingest.transport.CountingEventDecoder;
import outpost.ingest.transport.MeteredSink;
import outpost.ingest.transport.tcp.ConnectionCountHandler;

/**
 * Builds the pipeline of an accepted RELP connection: {@code connections} (count) -> {@code framer}
 * (RELP frames) -> {@code session} (commands, store, acknowledgements). Thread-safe (Netty shares
 * initializers).
 */
public final class RelpInitializer extends ChannelInitializer<Channel> {
  private final RelpReceiverConfig config;
  private final ConnectionCountHandler connections;
  private final CountingEventDecoder decoder;
  private final MeteredSink sink;
  private final RelpDuplicates duplicates;
  private final Counter protocolErrors;

  public RelpInitializer(
      RelpReceiverConfig config,
      ConnectionCountHandler connections,
      CountingEventDecoder decoder,
      MeteredSink sink,
      RelpDuplicates duplicates,
      Counter protocolErrors) {
    this.config = config;
    this.connections = connections;
    this.decoder = decoder;
    this.sink = sink;
    this.duplicates = duplicates;
    this.protocolErrors = protocolErrors;
  }

  @Override
  protected void initChannel(Channel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast("connections", connections);
    pipeline.addLast("framer", new RelpFrameDecoder(config.maxFrameBytes()));
    pipeline.addLast(
        "session",
        new RelpSessionHandler(decoder, sink, duplicates, config.maxPendingAcks(), protocolErrors));
  }
}
