package outpost.ingest.transport.relp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import outpost.ingest.transport.limits.ListenerLimits;
import outpost.ingest.transport.tls.SyslogTlsSettings;

/**
 * Settings of one {@link RelpReceiver}. Immutable.
 *
 * @param bindAddress the address to listen on
 * @param port the plain RELP port; 0 picks a free one, {@link #OFF} serves RELP over TLS only
 * @param maxFrameBytes the most data bytes kept of one message; longer ones are cut and counted
 * @param threads event loop threads serving all connections
 * @param maxPendingAcks frames one session may have read but not answered before Outpost stops
 *     reading from it; bounds the memory one sender can hold
 * @param idleTimeout a session silent this long is closed; {@link Duration#ZERO} never
 * @param limits allow-list, connection caps and rates, for each of the two listeners
 * @param tlsPort the RELP over TLS port; 0 picks a free one, {@link #OFF} (the default) none
 * @param tls key material and client-certificate trust; present when {@code tlsPort} is not off
 */
public record RelpReceiverConfig(
    String bindAddress,
    int port,
    int maxFrameBytes,
    int threads,
    int maxPendingAcks,
    Duration idleTimeout,
    ListenerLimits limits,
    int tlsPort,
    Optional<SyslogTlsSettings> tls) {
  /** A port value that turns its listener off. */
  public static final int OFF = -1;

  /** The conventional RELP port (rsyslog's examples use 2514; IANA assigned none). */
  public static final int DEFAULT_PORT = 2514;

  /** Default unanswered-frame limit: eight times librelp's default window of 128. */
  public static final int DEFAULT_MAX_PENDING_ACKS = 1024;

  /** Largest accepted unanswered-frame limit. */
  public static final int MAX_PENDING_ACKS_LIMIT = 65_536;

  /** Largest accepted frame limit; a frame is held in memory whole. */
  public static final int MAX_FRAME_LIMIT = 16 * 1024 * 1024;

  /** Plain RELP only, without limits or idle timeout. */
  public RelpReceiverConfig(
      String bindAddress, int port, int maxFrameBytes, int threads, int maxPendingAcks) {
    this(
        bindAddress,
        port,
        maxFrameBytes,
        threads,
        maxPendingAcks,
        Duration.ZERO,
        ListenerLimits.NONE,
        OFF,
        Optional.empty());
  }

  public RelpReceiverConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(tls, "tls");
    if (port < OFF || port > 65_535) {
      throw new IllegalArgumentException(
          "RELP port " + port + " outside 0..65535 (or " + OFF + " for off)");
    }
    if (tlsPort < OFF || tlsPort > 65_535) {
      throw new IllegalArgumentException(
          "RELP TLS port " + tlsPort + " outside 0..65535 (or " + OFF + " for off)");
    }
    if (port == OFF && tlsPort == OFF) {
      throw new IllegalArgumentException("RELP port and RELP TLS port are both off");
    }
    if (tlsPort != OFF && tls.isEmpty()) {
      throw new IllegalArgumentException(
          "RELP TLS port " + tlsPort + " is set but no TLS settings");
    }
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException("RELP idle timeout " + idleTimeout + " is negative");
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
