package outpost.ingest.transport.tls;

import java.time.Duration;
import java.util.Objects;
import outpost.ingest.transport.limits.ListenerLimits;
import outpost.ingest.transport.tcp.TcpReceiverConfig;

/**
 * Settings of one {@link SyslogTlsReceiver}. Immutable.
 *
 * @param bindAddress the address to listen on
 * @param port the port; 0 picks a free one (RFC 5425 assigns 6514)
 * @param maxFrameBytes the longest message kept; longer ones are truncated and counted
 * @param threads event loop threads serving all connections (handshakes run on them too)
 * @param idleTimeout a connection silent this long is closed; {@link Duration#ZERO} never
 * @param tls key material and client-certificate trust
 * @param limits allow-list, connection caps and rates
 */
public record TlsReceiverConfig(
    String bindAddress,
    int port,
    int maxFrameBytes,
    int threads,
    Duration idleTimeout,
    SyslogTlsSettings tls,
    ListenerLimits limits) {
  /** The port IANA assigned to syslog over TLS (RFC 5425 section 4.1). */
  public static final int DEFAULT_PORT = 6514;

  public TlsReceiverConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(limits, "limits");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("TLS port " + port + " outside 0..65535");
    }
    if (maxFrameBytes < 1 || maxFrameBytes > TcpReceiverConfig.MAX_FRAME_LIMIT) {
      throw new IllegalArgumentException(
          "frame limit " + maxFrameBytes + " outside 1.." + TcpReceiverConfig.MAX_FRAME_LIMIT);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("TLS threads " + threads + " is below 1");
    }
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("TLS idle timeout " + idleTimeout + " is negative");
    }
  }
}
