package outpost.ingest.transport.udp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import outpost.ingest.transport.CountingEventDecoder;
import outpost.ingest.transport.MeteredSink;
import outpost.ingest.transport.limits.DatagramLimitHandler;
import outpost.ingest.transport.limits.SourceLimiter;

/**
 * Builds the pipeline of one UDP syslog channel: {@code ingest} (datagram -> event, batches).
 * Thread-safe (Netty shares initializers).
 */
public final class SyslogUdpInitializer extends ChannelInitializer<Channel> {
  private final CountingEventDecoder decoder;
  private final MeteredSink sink;
  private final int maxFrameBytes;

  private final DatagramLimitHandler limits;

  public SyslogUdpInitializer(CountingEventDecoder decoder, MeteredSink sink, int maxFrameBytes) {
    this(decoder, sink, maxFrameBytes, null);
  }

  /**
   * @param limiter allow-list and per-source rates ({@code limits} stage); null for none
   */
  public SyslogUdpInitializer(
      CountingEventDecoder decoder, MeteredSink sink, int maxFrameBytes, SourceLimiter limiter) {
    this.decoder = decoder;
    this.sink = sink;
    this.maxFrameBytes = maxFrameBytes;
    this.limits = limiter == null ? null : new DatagramLimitHandler(limiter);
  }

  @Override
  protected void initChannel(Channel channel) {
    if (limits != null) {
      channel.pipeline().addLast("limits", limits);
    }
    channel.pipeline().addLast("ingest", new SyslogUdpHandler(decoder, sink, maxFrameBytes));
  }
}
