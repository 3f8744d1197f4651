package outpost.ingest.transport.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.LogEvent;
import outpost.ingest.DropReason;
import outpost.ingest.transport.CountingEventDecoder;
import outpost.ingest.transport.MeteredSink;

/**
 * Decodes each datagram as one syslog frame (RFC 5426), batches the datagrams of one read loop and
 * offers the batch to the store. UDP cannot push back: when the store is full the batch is dropped
 * and counted as {@link DropReason#BACKPRESSURE}.
 *
 * <p>Not thread-safe, not sharable: one instance per channel, used on its event loop.
 */
public final class SyslogUdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  /** Largest batch offered at once. */
  public static final int MAX_BATCH_EVENTS = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(SyslogUdpHandler.class);

  private final CountingEventDecoder decoder;
  private final MeteredSink sink;
  private final int maxFrameBytes;
  private List<LogEvent> batch = new ArrayList<>();

  public SyslogUdpHandler(CountingEventDecoder decoder, MeteredSink sink, int maxFrameBytes) {
    super(DatagramPacket.class);
    this.decoder = decoder;
    this.sink = sink;
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    ByteBuf content = packet.content();
    int start = content.readerIndex();
    int length = content.readableBytes();
    // a trailing LF, CRLF or NUL ends the message; it is not part of it
    if (length > 0
        && (content.getByte(start + length - 1) == '\n'
            || content.getByte(start + length - 1) == 0)) {
      length--;
      if (length > 0 && content.getByte(start + length - 1) == '\r') {
        length--;
      }
    }
    if (length == 0) {
      return;
    }
    byte[] frame = new byte[Math.min(length, maxFrameBytes)];
    content.getBytes(start, frame);
    String sender = packet.sender().getAddress().getHostAddress();
    LogEvent event = decoder.decode(frame, length, sender);
    if (event != null) {
      batch.add(event);
      if (batch.size() >= MAX_BATCH_EVENTS) {
        flush();
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    flush();
    ctx.fireChannelReadComplete();
  }

  /** A datagram socket survives errors: log and keep receiving. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn(
        "Error on UDP syslog channel {}; still receiving", ctx.channel().localAddress(), cause);
  }

  private void flush() {
    if (batch.isEmpty()) {
      return;
    }
    if (sink.tryAppend(batch)) {
      batch = new ArrayList<>();
    } else {
      sink.drop(batch.size(), DropReason.BACKPRESSURE);
      batch.clear();
    }
  }
}
