package outpost.ingest;

import java.util.List;
import java.util.Objects;

/**
 * A snapshot of ingest for {@code /health}: one entry per enabled listener. Immutable.
 *
 * @param listeners the enabled listeners
 * @param udpKernelReceiveBufferErrors machine-wide UDP datagrams the kernel dropped on full receive
 *     buffers ({@code /proc/net/snmp}); -1 when unknown or UDP is off
 * @param limitedSources the sources that hit limits most, most limited first (bounded)
 */
public record IngestStatus(
    List<Listener> listeners,
    long udpKernelReceiveBufferErrors,
    List<SourceLimits> limitedSources) {
  public IngestStatus {
    listeners = List.copyOf(Objects.requireNonNull(listeners, "listeners"));
    limitedSources = List.copyOf(Objects.requireNonNull(limitedSources, "limitedSources"));
  }

  /** Without limit counts. */
  public IngestStatus(List<Listener> listeners, long udpKernelReceiveBufferErrors) {
    this(listeners, udpKernelReceiveBufferErrors, List.of());
  }

  /**
   * One listener's state and counters since start.
   *
   * @param transport {@code udp}, {@code tcp}, {@code tls} or {@code relp}
   * @param port the bound port, -1 when not listening (before start, after close)
   * @param connections open connections (always 0 for UDP)
   * @param messages frames received
   * @param accepted messages the store confirmed durable
   * @param parseErrors messages kept as raw text
   * @param truncated frames cut to the frame limit
   * @param dropped messages lost after receipt, all reasons
   */
  public record Listener(
      String transport,
      int port,
      int connections,
      long messages,
      long accepted,
      long parseErrors,
      long truncated,
      long dropped) {
    public Listener {
      Objects.requireNonNull(transport, "transport");
    }

    static Listener of(IngestMetrics metrics, int port, int connections) {
      return new Listener(
          metrics.transport().id(),
          port,
          connections,
          (long) metrics.messages().count(),
          (long) metrics.accepted().count(),
          (long) metrics.parseErrors().count(),
          (long) metrics.truncated().count(),
          metrics.droppedTotal());
    }
  }
}
