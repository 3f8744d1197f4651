package outpost.ingest.transport.tcp;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@link SyslogTcpReceiver}. Immutable.
 *
 * @param bindAddress the address to listen on, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port the port; 0 picks a free one
 * @param maxFrameBytes the longest message kept; longer ones are truncated and counted
 * @param threads event loop threads serving all connections
 * @param idleTimeout a connection silent this long is closed; {@link Duration#ZERO} never closes
 *     one (the default: senders such as rsyslog lose a message when the server closes first, and
 *     TCP keep-alive already reaps dead peers)
 */
public record TcpReceiverConfig(
    String bindAddress, int port, int maxFrameBytes, int threads, Duration idleTimeout) {
  /** Largest accepted frame limit; a frame is held in memory whole. */
  public static final int MAX_FRAME_LIMIT = 16 * 1024 * 1024;

  public TcpReceiverConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("TCP port " + port + " outside 0..65535");
    }
    if (maxFrameBytes < 1 || maxFrameBytes > MAX_FRAME_LIMIT) {
      throw new IllegalArgumentException(
          "frame limit " + maxFrameBytes + " outside 1.." + MAX_FRAME_LIMIT);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("TCP threads " + threads + " is below 1");
    }
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("TCP idle timeout " + idleTimeout + " is negative");
    }
  }
}
