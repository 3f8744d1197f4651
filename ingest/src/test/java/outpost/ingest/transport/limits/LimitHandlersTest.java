package outpost.ingest.transport.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import outpost.index.Transport;
import outpost.ingest.IngestMetrics;
import outpost.ingest.transport.tcp.SyslogFrame;

/** The limit handlers on {@link EmbeddedChannel}s with a controlled ticker. */
class LimitHandlersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicLong nanos = new AtomicLong();

  private SourceLimiter limiter(ListenerLimits limits) {
    return new SourceLimiter(limits, Transport.TCP, registry, nanos::get);
  }

  /** A channel from {@code from}, registered (so active) after the handlers are added. */
  private static EmbeddedChannel channel(String from, ChannelHandler... handlers) {
    InetSocketAddress remote = new InetSocketAddress(address(from), 40_000);
    EmbeddedChannel channel =
        new EmbeddedChannel(false, false) {
          @Override
          protected SocketAddress remoteAddress0() {
            return remote;
          }
        };
    channel.pipeline().addLast(handlers);
    try {
      channel.register();
    } catch (Exception e) {
      throw new IllegalStateException("registering an embedded channel", e);
    }
    return channel;
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private double limited(LimitReason reason) {
    return registry
        .get(IngestMetrics.LIMITED)
        .tags("listener", "tcp", "reason", reason.tag())
        .counter()
        .count();
  }

  @Test
  void refusesSourceOutsideAllowList() {
    SourceLimiter limiter =
        limiter(new ListenerLimits(0, 0, 0, 0, 0, List.of(Cidr.parse("10.0.0.0/8"))));
    EmbeddedChannel outside = channel("192.0.2.7", new AdmissionHandler(limiter));
    EmbeddedChannel inside = channel("10.3.4.5", new AdmissionHandler(limiter));

    assertThat(outside.isOpen()).isFalse();
    assertThat(inside.isOpen()).isTrue();
    assertThat(limited(LimitReason.NOT_ALLOWED)).isEqualTo(1);
    assertThat(limiter.limitedSources())
        .singleElement()
        .satisfies(s -> assertThat(s.address()).isEqualTo("192.0.2.7"))
        .satisfies(s -> assertThat(s.byReason()).containsEntry("not_allowed", 1L));
    inside.finishAndReleaseAll();
  }

  @Test
  void capsConnectionsPerSourceAndInTotalAndReleasesOnClose() {
    SourceLimiter limiter = limiter(new ListenerLimits(0, 0, 0, 2, 3, List.of()));
    AdmissionHandler admission = new AdmissionHandler(limiter);
    EmbeddedChannel a1 = channel("10.0.0.1", admission);
    EmbeddedChannel a2 = channel("10.0.0.1", admission);
    EmbeddedChannel a3 = channel("10.0.0.1", admission);
    EmbeddedChannel b1 = channel("10.0.0.2", admission);
    EmbeddedChannel c1 = channel("10.0.0.3", admission);

    assertThat(List.of(a1.isOpen(), a2.isOpen(), a3.isOpen(), b1.isOpen(), c1.isOpen()))
        .containsExactly(true, true, false, true, false);
    assertThat(limited(LimitReason.CONNECTIONS_PER_SOURCE)).isEqualTo(1);
    assertThat(limited(LimitReason.CONNECTIONS_TOTAL)).isEqualTo(1);
    assertThat(limiter.connections()).isEqualTo(3);

    a1.close();
    assertThat(limiter.connections()).isEqualTo(2);
    EmbeddedChannel again = channel("10.0.0.1", admission);
    assertThat(again.isOpen()).isTrue();
    for (EmbeddedChannel c : List.of(a2, b1, again)) {
      c.finishAndReleaseAll();
    }
    assertThat(limiter.connections()).isZero();
    assertThat(limiter.connectedSource(address("10.0.0.1"))).isNull();
  }

  @Test
  void messageRatePausesReadingWithoutDroppingAndResumesWhenRepaid() {
    SourceLimiter limiter = limiter(new ListenerLimits(10, 0, 0, 0, 0, List.of()));
    EmbeddedChannel ch =
        channel(
            "10.0.0.1",
            new AdmissionHandler(limiter),
            new MessageRateHandler(limiter, SyslogFrame.class));
    for (int i = 0; i < 15; i++) {
      ch.writeInbound(new SyslogFrame(new byte[] {'x'}, 1, false));
    }

    assertThat(ch.inboundMessages()).hasSize(15); // nothing dropped
    assertThat(ch.config().isAutoRead()).isFalse();
    assertThat(limited(LimitReason.RATE_CONNECTION)).isEqualTo(1); // one pause, one count

    // 5 messages of debt at 10/s: half a second
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(499));
    ch.advanceTimeBy(499, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(ch.config().isAutoRead()).isFalse();
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(2));
    ch.advanceTimeBy(2, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertThat(ch.config().isAutoRead()).isTrue();
    ch.finishAndReleaseAll();
  }

  @Test
  void sourceRateIsSharedByTheSourcesConnections() {
    SourceLimiter limiter = limiter(new ListenerLimits(0, 10, 0, 0, 0, List.of()));
    AdmissionHandler admission = new AdmissionHandler(limiter);
    EmbeddedChannel first =
        channel("10.0.0.1", admission, new MessageRateHandler(limiter, SyslogFrame.class));
    EmbeddedChannel second =
        channel("10.0.0.1", admission, new MessageRateHandler(limiter, SyslogFrame.class));
    EmbeddedChannel other =
        channel("10.0.0.2", admission, new MessageRateHandler(limiter, SyslogFrame.class));
    for (int i = 0; i < 6; i++) {
      first.writeInbound(new SyslogFrame(new byte[] {'a'}, 1, false));
      second.writeInbound(new SyslogFrame(new byte[] {'b'}, 1, false));
      other.writeInbound(new SyslogFrame(new byte[] {'c'}, 1, false));
    }

    // each connection sent 6, under a per-connection view; together 12 > 10: both pause
    assertThat(first.config().isAutoRead()).isFalse();
    assertThat(second.config().isAutoRead()).isFalse();
    assertThat(other.config().isAutoRead()).isTrue(); // another source is not affected
    assertThat(limited(LimitReason.RATE_SOURCE)).isEqualTo(2);
    for (EmbeddedChannel c : List.of(first, second, other)) {
      c.finishAndReleaseAll();
    }
  }

  @Test
  void byteRatePausesAndPassesBuffersOn() {
    SourceLimiter limiter = limiter(new ListenerLimits(0, 0, 100, 0, 0, List.of()));
    EmbeddedChannel ch =
        channel("10.0.0.1", new AdmissionHandler(limiter), new ByteRateHandler(limiter));
    ByteBuf first = Unpooled.wrappedBuffer(new byte[80]);
    ByteBuf second = Unpooled.wrappedBuffer(new byte[80]);
    ch.writeInbound(first);
    assertThat(ch.config().isAutoRead()).isTrue();
    ch.writeInbound(second);
    assertThat(ch.config().isAutoRead()).isFalse();
    assertThat(limited(LimitReason.BYTES_SOURCE)).isEqualTo(1);

    ByteBuf out1 = ch.readInbound();
    ByteBuf out2 = ch.readInbound();
    assertThat(out1).isSameAs(first);
    assertThat(out2).isSameAs(second);
    out1.release();
    out2.release();
    assertThat(first.refCnt()).isZero();
    ch.finishAndReleaseAll();
  }

  @Test
  void datagramsOverRateOrOutsideAllowListAreDroppedAndReleased() {
    SourceLimiter limiter =
        new SourceLimiter(
            new ListenerLimits(0, 2, 0, 0, 0, List.of(Cidr.parse("10.0.0.0/8"))),
            Transport.UDP,
            registry,
            nanos::get);
    EmbeddedChannel ch = new EmbeddedChannel(new DatagramLimitHandler(limiter));
    InetSocketAddress local = new InetSocketAddress(address("10.9.9.9"), 514);
    List<DatagramPacket> sent = new java.util.ArrayList<>();
    for (String from : List.of("10.0.0.1", "10.0.0.1", "10.0.0.1", "192.0.2.1", "10.0.0.2")) {
      DatagramPacket packet =
          new DatagramPacket(
              Unpooled.copiedBuffer(new byte[] {'<', '1', '>'}),
              local,
              new InetSocketAddress(address(from), 5000));
      sent.add(packet);
      ch.writeInbound(packet);
    }

    assertThat(ch.inboundMessages()).hasSize(3);
    assertThat(sent.get(2).refCnt()).isZero();
    assertThat(sent.get(3).refCnt()).isZero();
    assertThat(
            registry
                .get(IngestMetrics.LIMITED)
                .tags("listener", "udp", "reason", "rate_source")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get(IngestMetrics.LIMITED)
                .tags("listener", "udp", "reason", "not_allowed")
                .counter()
                .count())
        .isEqualTo(1);
    ch.finishAndReleaseAll();
  }

  @Test
  void offenderListIsBoundedAndKeepsTheMostLimited() {
    SourceLimiter limiter = limiter(ListenerLimits.NONE);
    limiter.count(address("10.0.0.1"), LimitReason.RATE_SOURCE, 1000);
    for (int i = 0; i < 300; i++) {
      limiter.count(address("10.1." + (i / 250) + "." + (i % 250)), LimitReason.NOT_ALLOWED, 1);
    }
    List<outpost.ingest.SourceLimits> top = limiter.limitedSources();
    assertThat(top).hasSize(SourceLimiter.MAX_TRACKED_OFFENDERS);
    assertThat(top.get(0).address()).isEqualTo("10.0.0.1");
    assertThat(top.get(0).total()).isEqualTo(1000);
  }
}
