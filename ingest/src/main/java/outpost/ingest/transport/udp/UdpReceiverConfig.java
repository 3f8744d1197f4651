package outpost.ingest.transport.udp;

import java.util.Objects;

/**
 * Settings of one {@link SyslogUdpReceiver}. Immutable.
 *
 * @param bindAddress the address to listen on, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port the port; 0 picks a free one
 * @param maxFrameBytes the longest message kept; a longer datagram is truncated and counted
 * @param receiveBufferBytes SO_RCVBUF asked of the kernel per channel; the kernel caps it at {@code
 *     net.core.rmem_max}
 * @param channels sockets bound to the port with SO_REUSEPORT, each on its own thread; 0 picks one
 *     per core. Without native epoll there is always one.
 */
public record UdpReceiverConfig(
    String bindAddress, int port, int maxFrameBytes, int receiveBufferBytes, int channels) {
  /** The default receive buffer: 16 MiB absorbs bursts while the event loop is busy. */
  public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 16 * 1024 * 1024;

  public UdpReceiverConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("UDP port " + port + " outside 0..65535");
    }
    if (maxFrameBytes < 1) {
      throw new IllegalArgumentException("frame limit " + maxFrameBytes + " is below 1");
    }
    if (receiveBufferBytes < 1) {
      throw new IllegalArgumentException(
          "UDP receive buffer " + receiveBufferBytes + " is below 1");
    }
    if (channels < 0) {
      throw new IllegalArgumentException("UDP channels " + channels + " is negative");
    }
  }
}
