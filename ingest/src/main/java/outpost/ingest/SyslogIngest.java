package outpost.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import outpost.index.LogSink;
import outpost.ingest.transport.limits.SourceLimiter;
import outpost.ingest.transport.relp.JournaledLookup;
import outpost.ingest.transport.relp.RelpReceiver;
import outpost.ingest.transport.tcp.SyslogTcpReceiver;
import outpost.ingest.transport.tls.SyslogTlsReceiver;
import outpost.ingest.transport.udp.SyslogUdpReceiver;

/**
 * Syslog ingest as one component: the UDP, TCP, TLS and RELP receivers an {@link IngestConfig}
 * enables, all feeding one {@link LogSink}.
 *
 * <p>Lifecycle: {@link #start()} once; {@link #close()} stops every listener and waits for its
 * threads (safe twice, and after a failed start, which closes what it had started). The server
 * closes it before the store. Thread-safe for {@link #ports()} and {@link #status()}.
 */
public final class SyslogIngest implements AutoCloseable {
  private final SyslogUdpReceiver udp;
  private final SyslogTcpReceiver tcp;
  private final SyslogTlsReceiver tls;
  private final RelpReceiver relp;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param config listeners and limits
   * @param udpDecoder parses UDP frames; may be null when UDP is disabled
   * @param tcpDecoder parses TCP frames; may be null when TCP is disabled
   * @param sink where events go
   * @param registry where the meters of {@link IngestMetrics} are registered
   * @param clock the receive time of each frame
   */
  public SyslogIngest(
      IngestConfig config,
      EventDecoder udpDecoder,
      EventDecoder tcpDecoder,
      LogSink sink,
      MeterRegistry registry,
      InstantSource clock) {
    this(config, udpDecoder, tcpDecoder, tcpDecoder, sink, registry, clock);
  }

  /**
   * @param tlsDecoder parses TLS frames; may be null when TLS is disabled
   * @throws outpost.ingest.transport.tls.TlsSetupException when the TLS files cannot be used
   */
  public SyslogIngest(
      IngestConfig config,
      EventDecoder udpDecoder,
      EventDecoder tcpDecoder,
      EventDecoder tlsDecoder,
      LogSink sink,
      MeterRegistry registry,
      InstantSource clock) {
    this(config, udpDecoder, tcpDecoder, tlsDecoder, tcpDecoder, sink, null, registry, clock);
  }

  /**
   * @param tlsDecoder parses TLS frames; may be null when TLS is disabled
   * @param relpDecoder parses RELP messages; may be null when RELP is disabled
   * @param relpLookup finds RELP resends of messages stored before this process started; null
   *     recognises resends within this process only
   * @throws outpost.ingest.transport.tls.TlsSetupException when the TLS files cannot be used
   */
  public SyslogIngest(
      IngestConfig config,
      EventDecoder udpDecoder,
      EventDecoder tcpDecoder,
      EventDecoder tlsDecoder,
      EventDecoder relpDecoder,
      LogSink sink,
      JournaledLookup relpLookup,
      MeterRegistry registry,
      InstantSource clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(clock, "clock");
    udp =
        config.udpEnabled()
            ? new SyslogUdpReceiver(
                config.udp(),
                config.limits(),
                Objects.requireNonNull(udpDecoder, "udpDecoder"),
                sink,
                registry,
                clock)
            : null;
    tcp =
        config.tcpEnabled()
            ? new SyslogTcpReceiver(
                config.tcp(),
                config.limits(),
                Objects.requireNonNull(tcpDecoder, "tcpDecoder"),
                sink,
                registry,
                clock)
            : null;
    tls =
        config.tlsEnabled()
            ? new SyslogTlsReceiver(
                config.tlsReceiver(),
                Objects.requireNonNull(tlsDecoder, "tlsDecoder"),
                sink,
                registry,
                clock)
            : null;
    relp =
        config.relpEnabled()
            ? new RelpReceiver(
                config.relp(),
                Objects.requireNonNull(relpDecoder, "relpDecoder"),
                sink,
                relpLookup,
                registry,
                clock)
            : null;
  }

  /**
   * Binds every enabled listener.
   *
   * @return the bound ports
   * @throws IOException when a listener cannot bind; the others are closed again
   */
  public IngestPorts start() throws IOException {
    try {
      if (udp != null) {
        udp.start();
      }
      if (tcp != null) {
        tcp.start();
      }
      if (tls != null) {
        tls.start();
      }
      if (relp != null) {
        relp.start();
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    return ports();
  }

  /** The bound ports; {@link IngestConfig#DISABLED} for a listener that is off or not bound. */
  public IngestPorts ports() {
    return new IngestPorts(
        udp == null ? -1 : udp.port(),
        tcp == null ? -1 : tcp.port(),
        tls == null ? -1 : tls.port(),
        relp == null ? -1 : relp.port(),
        relp == null ? -1 : relp.tlsPort());
  }

  /** Listening ports, connections and counters, for {@code /health}. */
  public IngestStatus status() {
    List<IngestStatus.Listener> listeners = new ArrayList<>(3);
    List<SourceLimits> limited = new ArrayList<>();
    long kernelDrops = -1;
    if (udp != null) {
      listeners.add(IngestStatus.Listener.of(udp.metrics(), udp.port(), 0));
      double drops = udp.kernelReceiveBufferErrors();
      kernelDrops = Double.isNaN(drops) ? -1 : (long) drops;
      limited.addAll(udp.limiter().limitedSources());
    }
    if (tcp != null) {
      listeners.add(IngestStatus.Listener.of(tcp.metrics(), tcp.port(), tcp.connections()));
      limited.addAll(tcp.limiter().limitedSources());
    }
    if (tls != null) {
      listeners.add(IngestStatus.Listener.of(tls.metrics(), tls.port(), tls.connections()));
      limited.addAll(tls.limiter().limitedSources());
    }
    if (relp != null) {
      listeners.add(
          IngestStatus.Listener.of(
              relp.metrics(),
              relp.port() != -1 ? relp.port() : relp.tlsPort(),
              relp.connections()));
      limited.addAll(relp.limiter().limitedSources());
      limited.addAll(relp.tlsLimiter().limitedSources());
    }
    limited.sort(Comparator.comparingLong(SourceLimits::total).reversed());
    return new IngestStatus(
        listeners,
        kernelDrops,
        limited.subList(0, Math.min(limited.size(), SourceLimiter.MAX_TRACKED_OFFENDERS)));
  }

  /**
   * Checks the TLS files now and reloads the TLS context if one changed (what the periodic check
   * does; for an admin action). Blocks on file reads.
   *
   * @return true when new TLS connections now use a new context; false without TLS
   */
  public boolean reloadTls() {
    boolean syslog = tls != null && tls.reload();
    boolean relpTls = relp != null && relp.reload();
    return syslog || relpTls;
  }

  /** Stops the listeners (connection-holding ones first) and waits for their threads. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (relp != null) {
      relp.close();
    }
    if (tls != null) {
      tls.close();
    }
    if (tcp != null) {
      tcp.close();
    }
    if (udp != null) {
      udp.close();
    }
  }
}
