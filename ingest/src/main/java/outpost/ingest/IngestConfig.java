package outpost.ingest;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import outpost.ingest.transport.limits.ListenerLimits;
import outpost.ingest.transport.relp.RelpReceiverConfig;
import outpost.ingest.transport.tcp.TcpReceiverConfig;
import outpost.ingest.transport.tls.SyslogTlsSettings;
import outpost.ingest.transport.tls.TlsReceiverConfig;
import outpost.ingest.transport.udp.UdpReceiverConfig;

/**
 * Settings of {@link SyslogIngest}. Immutable; validated on construction, so a bad value fails at
 * start-up with the value and the limit.
 *
 * @param bindAddress the address both listeners bind, e.g. {@code 0.0.0.0}
 * @param udpPort the UDP syslog port; 0 picks a free one, {@link #DISABLED} turns UDP off
 * @param tcpPort the TCP syslog port; 0 picks a free one, {@link #DISABLED} turns TCP off
 * @param maxFrameBytes the longest message kept, on every transport; longer ones are truncated (the
 *     rest discarded) and counted
 * @param udpReceiveBufferBytes SO_RCVBUF per UDP socket; capped by the kernel's {@code
 *     net.core.rmem_max} (a warning at start says so)
 * @param udpChannels UDP sockets sharing the port with SO_REUSEPORT; 0 = one per core (one without
 *     native epoll)
 * @param tcpThreads event loop threads for all TCP connections; 0 = one per core
 * @param tcpIdleTimeout close a TCP (and TLS) connection silent this long; {@link Duration#ZERO} =
 *     never
 * @param tlsPort the TLS syslog port (RFC 5425); 0 picks a free one, {@link #DISABLED} (the
 *     default: it needs a certificate) turns TLS off
 * @param tls the TLS key material and client trust; present when {@code tlsPort} is not disabled
 * @param limits allow-list, connection caps and rates, applied to every listener (per listener)
 * @param relpPort the RELP port; 0 picks a free one, {@link #DISABLED} (the default) turns RELP off
 * @param relpTlsPort the RELP over TLS port, with the {@code tls} settings; 0 picks a free one,
 *     {@link #DISABLED} (the default) turns it off
 */
public record IngestConfig(
    String bindAddress,
    int udpPort,
    int tcpPort,
    int maxFrameBytes,
    int udpReceiveBufferBytes,
    int udpChannels,
    int tcpThreads,
    Duration tcpIdleTimeout,
    int tlsPort,
    Optional<SyslogTlsSettings> tls,
    ListenerLimits limits,
    int relpPort,
    int relpTlsPort) {
  /** A port value that turns its listener off. */
  public static final int DISABLED = -1;

  /** The standard syslog port is privileged (514); Outpost's default is not. */
  public static final int DEFAULT_PORT = 5514;

  /** Default frame limit: 64 KiB, the largest UDP datagram and plenty for any log line. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

  /** Plain UDP and TCP listeners without TLS or limits. */
  public IngestConfig(
      String bindAddress,
      int udpPort,
      int tcpPort,
      int maxFrameBytes,
      int udpReceiveBufferBytes,
      int udpChannels,
      int tcpThreads,
      Duration tcpIdleTimeout) {
    this(
        bindAddress,
        udpPort,
        tcpPort,
        maxFrameBytes,
        udpReceiveBufferBytes,
        udpChannels,
        tcpThreads,
        tcpIdleTimeout,
        DISABLED,
        Optional.empty(),
        ListenerLimits.NONE,
        DISABLED,
        DISABLED);
  }

  public IngestConfig {
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(limits, "limits");
    checkPort("TLS", tlsPort);
    if (tlsPort != DISABLED && tls.isEmpty()) {
      throw new IllegalArgumentException("TLS port " + tlsPort + " is set but no TLS settings");
    }
    checkPort("RELP TLS", relpTlsPort);
    if (relpTlsPort != DISABLED && tls.isEmpty()) {
      throw new IllegalArgumentException(
          "RELP TLS port " + relpTlsPort + " is set but no TLS settings");
    }
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(tcpIdleTimeout, "tcpIdleTimeout");
    if (bindAddress.isBlank()) {
      throw new IllegalArgumentException("bind address is blank");
    }
    checkPort("UDP", udpPort);
    checkPort("TCP", tcpPort);
    checkPort("RELP", relpPort);
    if (maxFrameBytes < 1 || maxFrameBytes > TcpReceiverConfig.MAX_FRAME_LIMIT) {
      throw new IllegalArgumentException(
          "frame limit " + maxFrameBytes + " outside 1.." + TcpReceiverConfig.MAX_FRAME_LIMIT);
    }
    if (udpReceiveBufferBytes < 1) {
      throw new IllegalArgumentException(
          "UDP receive buffer " + udpReceiveBufferBytes + " is below 1");
    }
    if (udpChannels < 0) {
      throw new IllegalArgumentException("UDP channels " + udpChannels + " is negative");
    }
    if (tcpThreads < 0) {
      throw new IllegalArgumentException("TCP threads " + tcpThreads + " is negative");
    }
    if (tcpIdleTimeout.isNegative()) {
      throw new IllegalArgumentException("TCP idle timeout " + tcpIdleTimeout + " is negative");
    }
  }

  private static void checkPort(String transport, int port) {
    if (port < DISABLED || port > 65_535) {
      throw new IllegalArgumentException(
          transport + " port " + port + " outside 0..65535 (or " + DISABLED + " to disable)");
    }
  }

  /** UDP and TCP on 0.0.0.0:5514, 64 KiB frames, 16 MiB UDP buffers, sizes chosen per core. */
  public static IngestConfig defaults() {
    return new IngestConfig(
        "0.0.0.0",
        DEFAULT_PORT,
        DEFAULT_PORT,
        DEFAULT_MAX_FRAME_BYTES,
        UdpReceiverConfig.DEFAULT_RECEIVE_BUFFER_BYTES,
        0,
        0,
        Duration.ZERO);
  }

  /** A copy listening on {@code address} with the given ports. */
  public IngestConfig withListeners(String address, int udp, int tcp) {
    return new IngestConfig(
        address,
        udp,
        tcp,
        maxFrameBytes,
        udpReceiveBufferBytes,
        udpChannels,
        tcpThreads,
        tcpIdleTimeout,
        tlsPort,
        tls,
        limits,
        relpPort,
        relpTlsPort);
  }

  /** A copy with a TLS listener on {@code port}. */
  public IngestConfig withTls(int port, SyslogTlsSettings settings) {
    return new IngestConfig(
        bindAddress,
        udpPort,
        tcpPort,
        maxFrameBytes,
        udpReceiveBufferBytes,
        udpChannels,
        tcpThreads,
        tcpIdleTimeout,
        port,
        Optional.of(settings),
        limits,
        relpPort,
        relpTlsPort);
  }

  /** A copy with {@code newLimits} on every listener. */
  public IngestConfig withLimits(ListenerLimits newLimits) {
    return new IngestConfig(
        bindAddress,
        udpPort,
        tcpPort,
        maxFrameBytes,
        udpReceiveBufferBytes,
        udpChannels,
        tcpThreads,
        tcpIdleTimeout,
        tlsPort,
        tls,
        newLimits,
        relpPort,
        relpTlsPort);
  }

  public boolean tlsEnabled() {
    return tlsPort != DISABLED;
  }

  /** The TLS receiver's part; only meaningful when {@link #tlsEnabled()}. */
  public TlsReceiverConfig tlsReceiver() {
    TcpReceiverConfig tcp = tcp();
    return new TlsReceiverConfig(
        bindAddress,
        tlsPort,
        maxFrameBytes,
        tcp.threads(),
        tcpIdleTimeout,
        tls.orElseThrow(),
        limits);
  }

  /** A copy with RELP on {@code port} (0 picks one, {@link #DISABLED} turns it off). */
  public IngestConfig withRelp(int port) {
    return new IngestConfig(
        bindAddress,
        udpPort,
        tcpPort,
        maxFrameBytes,
        udpReceiveBufferBytes,
        udpChannels,
        tcpThreads,
        tcpIdleTimeout,
        tlsPort,
        tls,
        limits,
        port,
        relpTlsPort);
  }

  /** A copy with RELP over TLS on {@code port} using {@code settings} for every TLS listener. */
  public IngestConfig withRelpTls(int port, SyslogTlsSettings settings) {
    return new IngestConfig(
        bindAddress,
        udpPort,
        tcpPort,
        maxFrameBytes,
        udpReceiveBufferBytes,
        udpChannels,
        tcpThreads,
        tcpIdleTimeout,
        tlsPort,
        Optional.of(settings),
        limits,
        relpPort,
        port);
  }

  /** Whether plain RELP or RELP over TLS is on. */
  public boolean relpEnabled() {
    return relpPort != DISABLED || relpTlsPort != DISABLED;
  }

  public boolean udpEnabled() {
    return udpPort != DISABLED;
  }

  public boolean tcpEnabled() {
    return tcpPort != DISABLED;
  }

  /** The UDP receiver's part; only meaningful when {@link #udpEnabled()}. */
  public UdpReceiverConfig udp() {
    return new UdpReceiverConfig(
        bindAddress, udpPort, maxFrameBytes, udpReceiveBufferBytes, udpChannels);
  }

  /** The TCP receiver's part; only meaningful when {@link #tcpEnabled()}. */
  public TcpReceiverConfig tcp() {
    int threads = tcpThreads > 0 ? tcpThreads : Runtime.getRuntime().availableProcessors();
    return new TcpReceiverConfig(
        bindAddress, Math.max(tcpPort, 0), maxFrameBytes, threads, tcpIdleTimeout);
  }

  /**
   * The RELP receiver's part (threads, idle timeout and limits as TCP); only meaningful when {@link
   * #relpEnabled()}.
   */
  public RelpReceiverConfig relp() {
    return new RelpReceiverConfig(
        bindAddress,
        relpPort,
        maxFrameBytes,
        tcp().threads(),
        RelpReceiverConfig.DEFAULT_MAX_PENDING_ACKS,
        tcpIdleTimeout,
        limits,
        relpTlsPort,
        relpTlsPort == DISABLED ? Optional.empty() : tls);
  }
}
