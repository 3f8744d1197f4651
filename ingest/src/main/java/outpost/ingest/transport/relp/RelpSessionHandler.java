package outpost.ingest.transport.relp;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 * One RELP session (RELP spec, server side): checks the transaction numbers, answers {@code open}
 * and {@code close}, turns {@code syslog} frames into events and answers each with {@code rsp 200
 * OK} only once the store has journaled it, in transaction order. Any number of frames may be in
 * flight up to {@code maxPendingAcks}; beyond that, and while the store is full or a resend lookup
 * runs, the channel stops reading (TCP backpressure). A framing error, a transaction number out of
 * sequence or {@code syslog} before {@code open} is answered with {@code 500} and closes the
 * session once the earlier frames are answered.
 *
 * <p>Not thread-safe, not sharable: one instance per connection; all state is touched on its event
 * loop only (store and lookup callbacks hop back to it).
 */
public final class RelpSessionHandler extends ChannelInboundHandlerAdapter {
  /** Largest batch offered to the store at once. */
  public static final int MAX_BATCH_EVENTS = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(RelpSessionHandler.class);
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  /**
   * A frame waiting for its response. {@code text} null means "200 OK, or 500 when {@code done}
   * failed"; {@code done} is null until the message was offered to the store.
   */
  private static final class Ack {
    final int txnr;
    final String text;
    final boolean closeAfter;
    CompletableFuture<Void> done;

    Ack(int txnr, String text, CompletableFuture<Void> done, boolean closeAfter) {
      this.txnr = txnr;
      this.text = text;
      this.done = done;
      this.closeAfter = closeAfter;
    }

    boolean due() {
      return done != null && done.isDone();
    }
  }

  /** A received message not yet offered to the store. */
  private static final class Received {
    final LogEvent event;
    final RelpDuplicates.Digest digest;
    final Ack ack;
    final boolean resendCandidate;
    CompletableFuture<Void> original;

    Received(LogEvent event, RelpDuplicates.Digest digest, Ack ack, boolean resendCandidate) {
      this.event = event;
      this.digest = digest;
      this.ack = ack;
      this.resendCandidate = resendCandidate;
    }
  }

  private final CountingEventDecoder decoder;
  private final MeteredSink sink;
  private final RelpDuplicates duplicates;
  private final int maxPendingAcks;
  private final Counter protocolErrors;
  private final ConnectionFields connectionFields;
  private Map<String, String> fields;
  private boolean holding;
  private ChannelHandlerContext ctx;
  private String sender = "unknown";
  private RelpDuplicates.Session session;
  private int expectedTxnr = 1;
  private boolean open;
  private boolean closing;
  private int syslogFrames;
  private final Deque<Ack> acks = new ArrayDeque<>();
  private List<Received> incoming = new ArrayList<>();
  private List<LogEvent> held;
  private CompletableFuture<Void> heldDurable;
  private boolean storePaused;
  private boolean lookupRunning;

  /**
   * @param decoder frames to events, shared by all connections
   * @param sink the store, shared by all connections
   * @param duplicates recognises resends, shared by all connections
   * @param maxPendingAcks most frames read but not answered before reading stops
   * @param protocolErrors counts protocol violations
   */
  public RelpSessionHandler(
      CountingEventDecoder decoder,
      MeteredSink sink,
      RelpDuplicates duplicates,
      int maxPendingAcks,
      Counter protocolErrors) {
    this(decoder, sink, duplicates, maxPendingAcks, protocolErrors, ConnectionFields.NONE);
  }

  /**
   * @param connectionFields fields added to every event of the session (the TLS client subject);
   *     they win over same-named fields of the message
   */
  public RelpSessionHandler(
      CountingEventDecoder decoder,
      MeteredSink sink,
      RelpDuplicates duplicates,
      int maxPendingAcks,
      Counter protocolErrors,
      ConnectionFields connectionFields) {
    this.decoder = decoder;
    this.sink = sink;
    this.duplicates = duplicates;
    this.maxPendingAcks = maxPendingAcks;
    this.protocolErrors = protocolErrors;
    this.connectionFields = connectionFields;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.session = duplicates.newSession();
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
    if (!(msg instanceof RelpFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (closing) {
      return; // after close or an error nothing more is answered
    }
    if (frame.txnr() != expectedTxnr) {
      fail(
          frame.txnr(),
          "transaction number " + frame.txnr() + " out of sequence, expected " + expectedTxnr);
      return;
    }
    expectedTxnr = RelpWire.next(expectedTxnr);
    switch (frame.command()) {
      case "open" -> open(frame);
      case "syslog" -> syslog(frame);
      case "close" -> {
        closing = true;
        acks.add(new Ack(frame.txnr(), "", DONE, true));
      }
      default -> {
        protocolErrors.increment();
        acks.add(
            new Ack(
                frame.txnr(), "500 command '" + frame.command() + "' not supported", DONE, false));
      }
    }
    if (incoming.size() >= MAX_BATCH_EVENTS) {
      flush();
    }
    updateAutoRead();
  }

  private void open(RelpFrame frame) {
    if (open) {
      acks.add(new Ack(frame.txnr(), "200 session already open, ignored", DONE, false));
    } else if (!RelpWire.offersSyslog(frame.data())) {
      fail(frame.txnr(), "the client does not offer the syslog command");
    } else {
      open = true;
      acks.add(new Ack(frame.txnr(), RelpWire.OPEN_RESPONSE, DONE, false));
    }
  }

  private void syslog(RelpFrame frame) {
    if (!open) {
      fail(frame.txnr(), "syslog before open");
      return;
    }
    LogEvent event = decoder.decode(frame.data(), frame.dataLength(), sender);
    if (event == null) {
      acks.add(new Ack(frame.txnr(), "500 message could not be decoded", DONE, false));
      return;
    }
    if (fields == null) {
      fields = connectionFields.of(ctx.channel());
    }
    if (!fields.isEmpty()) {
      event = withFields(event, fields);
    }
    Ack ack = new Ack(frame.txnr(), null, null, false);
    acks.add(ack);
    boolean candidate = syslogFrames < RelpDuplicates.RESEND_WINDOW_FRAMES;
    syslogFrames++;
    incoming.add(new Received(event, RelpDuplicates.digest(sender, frame.data()), ack, candidate));
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    flush();
    drainAcks();
    ctx.fireChannelReadComplete();
  }

  /**
   * Messages read but not yet offered are dropped: they are unacknowledged, so the sender resends
   * them. A batch the store refused stays queued for the writable callback (its resend is then
   * recognised as a duplicate).
   */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closing = true;
    incoming.clear();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof DecoderException d && d.getCause() instanceof RelpFrameException bad) {
      fail(bad.txnr(), bad.getMessage());
      drainAcks();
    } else if (cause instanceof IOException) {
      LOG.debug("RELP connection from {} failed; closing it", sender, cause);
      ctx.close();
    } else {
      LOG.warn("Unexpected error on RELP connection from {}; closing it", sender, cause);
      ctx.close();
    }
  }

  /** Answers 500 after the frames before it, then closes; counts a protocol error. */
  private void fail(int txnr, String reason) {
    protocolErrors.increment();
    LOG.debug("RELP protocol error from {}: {}; closing the session", sender, reason);
    closing = true;
    acks.add(new Ack(txnr, "500 " + reason, DONE, true));
  }

  private void flush() {
    if (storePaused || lookupRunning || incoming.isEmpty()) {
      return;
    }
    List<Received> work = incoming;
    incoming = new ArrayList<>();
    List<Received> unknown = new ArrayList<>();
    for (Received r : work) {
      if (r.resendCandidate) {
        r.original = duplicates.earlier(r.digest, session);
        if (r.original != null) {
          // one resend per earlier copy: a second copy in this session is a repetition
          duplicates.remember(r.digest, session, r.original);
        } else if (!r.event.unparsed() && duplicates.canLookUp()) {
          unknown.add(r);
        }
      }
    }
    if (unknown.isEmpty()) {
      append(work);
      return;
    }
    lookupRunning = true;
    updateAutoRead();
    List<LogEvent> events = unknown.stream().map(r -> r.event).toList();
    duplicates
        .lookUp(events, session)
        .whenComplete((found, failure) -> onLoop(() -> lookedUp(work, unknown, found, failure)));
  }

  private void lookedUp(
      List<Received> work, List<Received> unknown, Set<Integer> found, Throwable failure) {
    lookupRunning = false;
    if (failure != null) {
      LOG.warn("RELP resend lookup for {} failed; storing the messages", sender, failure);
    } else {
      Set<RelpDuplicates.Digest> resent = new HashSet<>();
      for (int i = 0; i < unknown.size(); i++) {
        Received r = unknown.get(i);
        if (found.contains(i) && resent.add(r.digest)) {
          r.original = DONE;
          duplicates.remember(r.digest, session, DONE);
        }
      }
    }
    append(work);
    flush();
    drainAcks();
  }

  private void append(List<Received> work) {
    List<LogEvent> batch = new ArrayList<>(work.size());
    CompletableFuture<Void> durable = new CompletableFuture<>();
    int resent = 0;
    for (Received r : work) {
      if (r.original != null) {
        resent++;
        r.ack.done = r.original;
        r.original.whenComplete((v, t) -> onLoop(this::drainAcks));
      } else {
        batch.add(r.event);
        r.ack.done = durable;
        duplicates.remember(r.digest, session, durable);
      }
    }
    if (resent > 0) {
      duplicates.counted(resent);
    }
    if (!batch.isEmpty()) {
      durable.whenComplete((v, t) -> onLoop(this::drainAcks));
      offer(batch, durable);
    }
  }

  private void offer(List<LogEvent> batch, CompletableFuture<Void> durable) {
    CompletableFuture<Void> journaled = sink.tryAppendDurable(batch);
    if (journaled == null) {
      held = batch;
      heldDurable = durable;
      storePaused = true;
      updateAutoRead();
      sink.whenWritable(() -> onLoop(this::resume));
      return;
    }
    journaled.whenComplete(
        (v, t) -> {
          if (t == null) {
            durable.complete(null);
          } else {
            durable.completeExceptionally(t);
          }
        });
  }

  private void resume() {
    storePaused = false;
    List<LogEvent> batch = held;
    held = null;
    offer(batch, heldDurable);
    flush();
    drainAcks();
  }

  /** Sends the answers due, in transaction order, stopping at the first not yet journaled. */
  private void drainAcks() {
    boolean wrote = false;
    while (!acks.isEmpty() && acks.peekFirst().due()) {
      Ack ack = acks.pollFirst();
      if (!ctx.channel().isActive()) {
        continue;
      }
      String text = ack.text;
      if (text == null) {
        text =
            ack.done.isCompletedExceptionally()
                ? "500 journal write failed, message not stored"
                : RelpWire.OK;
      }
      ctx.write(RelpWire.response(ctx.alloc(), ack.txnr, text));
      wrote = true;
      if (ack.closeAfter) {
        acks.clear();
        ctx.writeAndFlush(ctx.alloc().buffer(0)).addListener(ChannelFutureListener.CLOSE);
        return;
      }
    }
    if (wrote) {
      ctx.flush();
    }
    updateAutoRead();
  }

  /**
   * Holds or releases the session's share of the {@link ReadGate} (a rate limit may hold it too);
   * the store reason stands for everything that waits on the store: a full store, a resend lookup,
   * unanswered frames.
   */
  private void updateAutoRead() {
    boolean hold = storePaused || lookupRunning || closing || acks.size() >= maxPendingAcks;
    if (hold == holding || !ctx.channel().isActive()) {
      return;
    }
    holding = hold;
    if (hold) {
      ReadGate.hold(ctx.channel(), ReadGate.STORE);
    } else {
      ReadGate.release(ctx.channel(), ReadGate.STORE);
    }
  }

  /** The session's fields win over same-named ones from the message (no forged subject). */
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

  /** Runs {@code task} on this channel's event loop (callbacks come from store threads). */
  private void onLoop(Runnable task) {
    if (ctx.executor().inEventLoop()) {
      task.run();
      return;
    }
    try {
      ctx.executor().execute(task);
    } catch (RejectedExecutionException e) {
      if (held != null) {
        LOG.warn(
            "RELP receiver shut down holding {} messages from {} the store had refused; the sender"
                + " still holds them unacknowledged",
            held.size(),
            sender,
            e);
        sink.drop(held.size(), DropReason.SHUTDOWN);
        held = null;
      }
    }
  }
}
