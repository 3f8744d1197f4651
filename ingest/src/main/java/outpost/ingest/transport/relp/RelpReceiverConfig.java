package outpost.ingest.transport.relp;

import java.util.Objects;

/**
 * Settings of one {@link RelpReceiver}. Immutable.
 *
 * @param bindAddress the address to listen on
 * @param port the port; 0 picks a free one
 * @param maxFrameBytes the most data bytes kept of one message; longer ones are cut and counted
 * @param threads event loop threads serving all connections
 * @param maxPendingAcks frames one session may have read but not answered before Outpost stops
 *     reading from it; bounds the memory one sender can hold
 */
public record RelpReceiverConfig(
    String bindAddress, int port, int maxFrameBytes, int threads, int maxPendingAcks) {
  /** The conventional RELP port (rsyslog's examples use 2514; IANA assigned none). */
  public static final int DEFAULT_PORT = 2514;

  /** Default unanswered-frame limit: eight times librelp's default window of 128. */
  public static final int DEFAULT_MAX_PENDING_ACKS = 1024;

  /** Largest accepted unanswered-frame limit. */
  public static final int MAX_PENDING_ACKS_LIMIT = 65_536;

  /** Largest accepted frame limit; a frame is held in memory whole. */
  public static final int MAX_FRAME_LIMIT = 16 * 1024 * 1024;

  public RelpReceiverConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("RELP port " + port + " outside 0..65535");
    }
    if (maxFrameBytes < 1 || maxFrameBytes > MAX_FRAME_LIMIT) {
      throw new IllegalArgumentException(
          "frame limit " + maxFrameBytes + " outside 1.." + MAX_FRAME_LIMIT);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("RELP threads " + threads + " is below 1");
    }
    if (maxPendingAcks < 1 || maxPendingAcks > MAX_PENDING_ACKS_LIMIT) {
      throw new IllegalArgumentException(
          "RELP pending acknowledgement limit "
              + maxPendingAcks
              + " outside 1.."
              + MAX_PENDING_ACKS_LIMIT);
    }
  }
}
