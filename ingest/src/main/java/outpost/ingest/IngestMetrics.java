package outpost.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import outpost.index.Transport;

/**
 * The ingest module's meter names (the only place they are spelled) and the counters of one
 * transport, bound once with tags from fixed sets ({@link Transport}, {@link DropReason}).
 *
 * <p>Thread-safe: the counters are Micrometer counters. Nothing to close; meters live as long as
 * their registry.
 */
public final class IngestMetrics {
  /** Frames received and decoded into events, tag {@code transport}. */
  public static final String MESSAGES = "outpost.ingest.messages";

  /** Events kept as raw text because they did not parse, tag {@code transport}. */
  public static final String PARSE_ERRORS = "outpost.ingest.parse.errors";

  /** Events lost after receipt, tags {@code transport} and {@code reason} ({@link DropReason}). */
  public static final String DROPPED = "outpost.ingest.dropped";

  /** Frames cut to the frame limit, tag {@code transport}. */
  public static final String FRAMES_TRUNCATED = "outpost.ingest.frames.truncated";

  /**
   * TCP frames that started with a digit but had no valid RFC 6587 octet count and were read as
   * LF-terminated instead, tag {@code transport}.
   */
  public static final String FRAMES_INVALID_OCTET_COUNT =
      "outpost.ingest.frames.invalid.octet.count";

  /** Frame bytes received (length on the wire, before truncation), tag {@code transport}. */
  public static final String BYTES = "outpost.ingest.bytes";

  /** Events the store confirmed durable, tag {@code transport}. */
  public static final String ACCEPTED = "outpost.ingest.accepted";

  /** Open connections, tag {@code transport}. */
  public static final String CONNECTIONS = "outpost.ingest.connections";

  /**
   * Limits hit (connections closed at accept, reads paused, datagrams dropped), tags {@code
   * listener} (a transport id) and {@code reason} (a {@code LimitReason} tag).
   */
  public static final String LIMITED = "outpost.ingest.limited";

  /** TLS senders refused at the handshake, tag {@code reason} (a {@code TlsRefusal} tag). */
  public static final String TLS_REFUSED = "outpost.ingest.tls.refused";

  /** TLS contexts reloaded after their files changed. */
  public static final String TLS_RELOADS = "outpost.ingest.tls.reloads";

  /**
   * Machine-wide count of UDP datagrams the kernel dropped because a socket receive buffer was full
   * ({@code /proc/net/snmp} {@code Udp: RcvbufErrors}); covers every UDP socket on the host.
   */
  public static final String UDP_KERNEL_RCVBUF_ERRORS = "outpost.ingest.udp.kernel.rcvbuf.errors";

  /**
   * Machine-wide count of UDP datagrams the kernel could not deliver ({@code /proc/net/snmp} {@code
   * Udp: InErrors}, which includes {@code RcvbufErrors}); covers every UDP socket on the host.
   */
  public static final String UDP_KERNEL_IN_ERRORS = "outpost.ingest.udp.kernel.in.errors";

  /** RELP messages recognised as a sender's resend of a stored message: answered, not stored. */
  public static final String RELP_DUPLICATES = "outpost.ingest.relp.duplicates";

  /** RELP protocol violations (bad frame, transaction number, command), each answered 500. */
  public static final String RELP_PROTOCOL_ERRORS = "outpost.ingest.relp.protocol.errors";

  /** RELP sessions whose resend lookup in the store was skipped: too many lookups queued. */
  public static final String RELP_LOOKUPS_SKIPPED = "outpost.ingest.relp.lookups.skipped";

  private static final String TRANSPORT_TAG = "transport";
  private static final String REASON_TAG = "reason";

  private final MeterRegistry registry;
  private final Transport transport;
  private final Counter messages;
  private final Counter parseErrors;
  private final Counter truncated;
  private final Counter bytes;
  private final Counter accepted;
  private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);

  /** Binds (or finds, when already registered) the counters of {@code transport}. */
  public IngestMetrics(MeterRegistry registry, Transport transport) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.transport = Objects.requireNonNull(transport, "transport");
    messages = counter(MESSAGES, "Syslog frames received and decoded", "messages");
    parseErrors =
        counter(PARSE_ERRORS, "Messages kept as raw text: they did not parse", "messages");
    truncated = counter(FRAMES_TRUNCATED, "Frames cut to the frame size limit", "frames");
    bytes = counter(BYTES, "Frame bytes received, before truncation", "bytes");
    accepted = counter(ACCEPTED, "Messages the store confirmed durable", "messages");
    for (DropReason reason : DropReason.values()) {
      dropped.put(
          reason,
          Counter.builder(DROPPED)
              .description("Messages lost after receipt, by reason")
              .baseUnit("messages")
              .tag(TRANSPORT_TAG, transport.id())
              .tag(REASON_TAG, reason.tag())
              .register(registry));
    }
  }

  private Counter counter(String name, String description, String unit) {
    return Counter.builder(name)
        .description(description)
        .baseUnit(unit)
        .tag(TRANSPORT_TAG, transport.id())
        .register(registry);
  }

  /** The transport these counters are tagged with. */
  public Transport transport() {
    return transport;
  }

  /** The registry the counters live in, for transport-specific meters. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The {@code transport} tag, for transport-specific meters. */
  public Tags transportTags() {
    return Tags.of(TRANSPORT_TAG, transport.id());
  }

  public Counter messages() {
    return messages;
  }

  public Counter parseErrors() {
    return parseErrors;
  }

  public Counter truncated() {
    return truncated;
  }

  public Counter bytes() {
    return bytes;
  }

  public Counter accepted() {
    return accepted;
  }

  public Counter dropped(DropReason reason) {
    return dropped.get(reason);
  }

  /** Registered on first use: only the stream transports can see an invalid octet count. */
  public Counter invalidOctetCounts() {
    return counter(
        FRAMES_INVALID_OCTET_COUNT,
        "Frames with a malformed RFC 6587 octet count, read as LF-terminated",
        "frames");
  }

  /** Messages dropped for any reason. */
  public long droppedTotal() {
    double sum = 0;
    for (Counter c : dropped.values()) {
      sum += c.count();
    }
    return (long) sum;
  }
}
