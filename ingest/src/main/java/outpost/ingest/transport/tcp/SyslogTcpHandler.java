package outpost.ingest.transport.tcp;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.LogEvent;
import outpost.ingest.DropReason;
import outpost.ingest.transport.ConnectionFields;
import outpost.ingest.transport.CountingEventDecoder;
import outpost.ingest.transport.MeteredSink;
import outpost.ingest.transport.ReadGate;

/**
 * Decodes the {@link SyslogFrame}s of one connection into events, batches those of one read burst
 * and offers the batch to the store. When the store is full the batch is kept, the channel stops
 * reading (the sender's socket buffer fills: TCP backpressure) and reading resumes on the channel's
 * event loop once the store is writable again. Nothing received is dropped for backpressure.
 *
 * <p>Not thread-safe, not sharable: one instance per connection; all state is touched on its event
 * loop only.
 */
public final class SyslogTcpHandler extends ChannelInboundHandlerAdapter {
  /** Largest batch offered at once; a longer read burst is offered in several batches. */
  public static final int MAX_BATCH_EVENTS = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(SyslogTcpHandler.class);

  private final CountingEventDecoder decoder;
  private final MeteredSink sink;
  private final Counter invalidOctetCounts;
  private final ConnectionFields connectionFields;
  // asked at the first frame, after any TLS handshake
  private Map<String, String> fields;
  private ChannelHandlerContext ctx;
  private String sender = "unknown";
  private List<LogEvent> batch = new ArrayList<>();
  // true from a refused tryAppend until the store's writable callback has run
  private boolean paused;

  /**
   * @param decoder frames to events, shared by all connections
   * @param sink the store, shared by all connections
   * @param invalidOctetCounts counts frames whose octet count was malformed
   */
  public SyslogTcpHandler(
      CountingEventDecoder decoder, MeteredSink sink, Counter invalidOctetCounts) {
    this(decoder, sink, invalidOctetCounts, ConnectionFields.NONE);
  }

  /**
   * @param connectionFields fields added to every event of the connection (TLS subject)
   */
  public SyslogTcpHandler(
      CountingEventDecoder decoder,
      MeteredSink sink,
      Counter invalidOctetCounts,
      ConnectionFields connectionFields) {
    this.decoder = decoder;
    this.sink = sink;
    this.invalidOctetCounts = invalidOctetCounts;
    this.connectionFields = connectionFields;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    SocketAddress remote = ctx.channel().remoteAddress();
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      sender = inet.getAddress().getHostAddress();
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof SyslogFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (frame.invalidOctetCount()) {
      invalidOctetCounts.increment();
    }
    LogEvent event = decoder.decode(frame.bytes(), frame.originalLength(), sender);
    if (event != null) {
      if (fields == null) {
        fields = connectionFields.of(ctx.channel());
      }
      batch.add(fields.isEmpty() ? event : withFields(event, fields));
    }
    if (batch.size() >= MAX_BATCH_EVENTS && !paused) {
      flush();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (!paused) {
      flush();
    }
    ctx.fireChannelReadComplete();
  }

  /**
   * The frame decoder has already handed on the last (possibly partial) frame. A batch the store
   * refused stays queued for the writable callback: the sender believes it delivered it.
   */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!paused) {
      flush();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      // resets and broken pipes are how senders hang up; not Outpost's problem
      LOG.debug("TCP syslog connection from {} failed; closing it", sender, cause);
    } else {
      LOG.warn("Unexpected error on TCP syslog connection from {}; closing it", sender, cause);
    }
    ctx.close();
  }

  private void flush() {
    if (batch.isEmpty()) {
      return;
    }
    if (sink.tryAppend(batch)) {
      batch = new ArrayList<>();
      return;
    }
    paused = true;
    ReadGate.hold(ctx.channel(), ReadGate.STORE);
    sink.whenWritable(this::resumeOnEventLoop);
  }

  /** Runs on a store thread: hop back to the channel's event loop, which owns the state. */
  private void resumeOnEventLoop() {
    try {
      ctx.executor().execute(this::resume);
    } catch (RejectedExecutionException e) {
      LOG.warn(
          "TCP receiver shut down holding {} messages from {} the store had refused; dropped",
          batch.size(),
          sender,
          e);
      sink.drop(batch.size(), DropReason.SHUTDOWN);
    }
  }

  private void resume() {
    paused = false;
    flush();
    if (!paused) {
      ReadGate.release(ctx.channel(), ReadGate.STORE);
    }
  }

  /** The connection's fields win over same-named ones from the message (no forged subject). */
  private static LogEvent withFields(LogEvent e, Map<String, String> extra) {
    Map<String, String> merged = new HashMap<>(e.fields());
    merged.putAll(extra);
    return new LogEvent(
        e.timestamp(),
        e.received(),
        e.host(),
        e.app(),
        e.procId(),
        e.msgId(),
        e.facility(),
        e.severity(),
        e.message(),
        e.raw(),
        merged,
        e.transport(),
        e.parseError());
  }
}
