package outpost.ingest.transport.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import outpost.index.Transport;
import outpost.ingest.SourceLimits;

/**
 * The limit state of one listener: open connections in total and per source address, each source's
 * message and byte buckets, and what was limited, counted in {@link LimitMetrics#LIMITED} and per
 * source for the {@link #MAX_TRACKED_OFFENDERS} sources limited most.
 *
 * <p>Memory is bounded: a source's connection state lives while it has open connections; datagram
 * sources are capped at {@link #MAX_DATAGRAM_SOURCES}. Thread-safe; shared by all channels of one
 * listener. Nothing to close.
 */
public final class SourceLimiter {
  /** Sources kept in the per-source limited counts; the least limited is evicted beyond this. */
  public static final int MAX_TRACKED_OFFENDERS = 100;

  /** Datagram sources with rate state; beyond this the state is reset (all get a fresh burst). */
  public static final int MAX_DATAGRAM_SOURCES = 10_000;

  private final ListenerLimits limits;
  private final Transport listener;
  private final LongSupplier nanoTime;
  private final Map<LimitReason, Counter> limited = new EnumMap<>(LimitReason.class);
  private final ConcurrentHashMap<InetAddress, Source> connected = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<InetAddress, Source> datagrams = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicLongArray> offenders = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();

  /** Rate state of one source address; its buckets are null for limits that are off. */
  public static final class Source {
    private int connections;
    private final TokenBucket messages;
    private final TokenBucket bytes;

    private Source(ListenerLimits limits, long now) {
      messages = limits.ratePerSource() > 0 ? new TokenBucket(limits.ratePerSource(), now) : null;
      bytes = limits.bytesPerSource() > 0 ? new TokenBucket(limits.bytesPerSource(), now) : null;
    }

    TokenBucket messages() {
      return messages;
    }

    TokenBucket bytes() {
      return bytes;
    }
  }

  /**
   * @param limits the listener's limits
   * @param listener the listener's transport, the {@code listener} tag
   * @param registry where {@link LimitMetrics#LIMITED} is registered
   * @param nanoTime a monotonic ticker ({@code System::nanoTime} outside tests)
   */
  public SourceLimiter(
      ListenerLimits limits, Transport listener, MeterRegistry registry, LongSupplier nanoTime) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    for (LimitReason reason : LimitReason.values()) {
      limited.put(reason, LimitMetrics.limited(registry, listener, reason));
    }
  }

  public ListenerLimits limits() {
    return limits;
  }

  long now() {
    return nanoTime.getAsLong();
  }

  /** Whether {@code address} is in the allow-list (always, when the list is empty). */
  public boolean allowed(InetAddress address) {
    if (limits.allow().isEmpty()) {
      return true;
    }
    for (Cidr cidr : limits.allow()) {
      if (cidr.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Admits a new connection from {@code address}, or says why not (and counts it). An admitted
   * connection must be {@link #release released} when it closes.
   *
   * @return null when admitted, else the reason it is refused
   */
  public LimitReason admit(InetAddress address) {
    LimitReason refused = null;
    if (!allowed(address)) {
      refused = LimitReason.NOT_ALLOWED;
    } else if (limits.connectionsTotal() > 0
        && total.incrementAndGet() > limits.connectionsTotal()) {
      total.decrementAndGet();
      refused = LimitReason.CONNECTIONS_TOTAL;
    } else {
      if (limits.connectionsTotal() == 0) {
        total.incrementAndGet();
      }
      boolean[] full = new boolean[1];
      connected.compute(
          address,
          (a, s) -> {
            Source source = s == null ? new Source(limits, now()) : s;
            if (limits.connectionsPerSource() > 0
                && source.connections >= limits.connectionsPerSource()) {
              full[0] = true;
            } else {
              source.connections++;
            }
            return source.connections == 0 ? null : source;
          });
      if (full[0]) {
        total.decrementAndGet();
        refused = LimitReason.CONNECTIONS_PER_SOURCE;
      }
    }
    if (refused != null) {
      count(address, refused, 1);
    }
    return refused;
  }

  /** Ends the admission of one connection from {@code address}. */
  public void release(InetAddress address) {
    total.decrementAndGet();
    connected.computeIfPresent(address, (a, s) -> --s.connections <= 0 ? null : s);
  }

  /** Open admitted connections. */
  public int connections() {
    return total.get();
  }

  /** The state of a connected source; null when it has no admitted connection. */
  public Source connectedSource(InetAddress address) {
    return connected.get(address);
  }

  /** The rate state of a datagram source, created on first use. */
  public Source datagramSource(InetAddress address) {
    Source source = datagrams.get(address);
    if (source != null) {
      return source;
    }
    if (datagrams.size() >= MAX_DATAGRAM_SOURCES) {
      datagrams.clear(); // hostile or huge address sets must not grow memory without end
    }
    return datagrams.computeIfAbsent(address, a -> new Source(limits, now()));
  }

  /** Counts {@code times} limits of {@code reason} hit by {@code address}. */
  public void count(InetAddress address, LimitReason reason, long times) {
    limited.get(reason).increment(times);
    String key = address.getHostAddress();
    AtomicLongArray counts = offenders.get(key);
    if (counts == null) {
      synchronized (offenders) {
        counts = offenders.get(key);
        if (counts == null) {
          if (offenders.size() >= MAX_TRACKED_OFFENDERS) {
            evictLeastLimited();
          }
          counts = new AtomicLongArray(LimitReason.values().length);
          offenders.put(key, counts);
        }
      }
    }
    counts.addAndGet(reason.ordinal(), times);
  }

  private void evictLeastLimited() {
    offenders.entrySet().stream()
        .min(Comparator.comparingLong(e -> sum(e.getValue())))
        .ifPresent(e -> offenders.remove(e.getKey()));
  }

  /** The limited sources, most limited first. */
  public List<SourceLimits> limitedSources() {
    List<SourceLimits> out = new ArrayList<>();
    offenders.forEach(
        (address, counts) -> {
          Map<String, Long> byReason = new java.util.TreeMap<>();
          for (LimitReason r : LimitReason.values()) {
            long n = counts.get(r.ordinal());
            if (n > 0) {
              byReason.put(r.tag(), n);
            }
          }
          out.add(new SourceLimits(listener.id(), address, byReason));
        });
    out.sort(Comparator.comparingLong(SourceLimits::total).reversed());
    return out;
  }

  private static long sum(AtomicLongArray counts) {
    long sum = 0;
    for (int i = 0; i < counts.length(); i++) {
      sum += counts.get(i);
    }
    return sum;
  }
}
