package outpost.ingest.transport.udp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import outpost.ingest.transport.CountingEventDecoder;
import outpost.ingest.transport.MeteredSink;

/**
 * Builds the pipeline of one UDP syslog channel: {@code ingest} (datagram -> event, batches).
 * Thread-safe (Netty shares initializers).
 */
public final class SyslogUdpInitializer extends ChannelInitializer<Channel> {
  private final CountingEventDecoder decoder;
  private final MeteredSink sink;
  private final int maxFrameBytes;

  public SyslogUdpInitializer(CountingEventDecoder decoder, MeteredSink sink, int maxFrameBytes) {
    this.decoder = decoder;
    this.sink = sink;
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected void initChannel(Channel channel) {
    channel.pipeline().addLast("ingest", new SyslogUdpHandler(decoder, sink, maxFrameBytes));
  }
}
