package outpost.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latencies of tail markers, indexed by marker number: the send time of each marker and, once it is
 * delivered, its delivery time. Bounded by the number of markers given at construction. Thread-
 * safe for one sender thread calling {@link #sent} and one receiver thread calling {@link
 * #delivered} (each slot is written by one before the other reads it through a volatile fence).
 */
final class LatencySamples {
  private final long[] sentNanos;
  private final long[] deliveredNanos;
  private volatile int sent;
  private final AtomicInteger delivered = new AtomicInteger();
  private final AtomicInteger unknown = new AtomicInteger();

  LatencySamples(int maxMarkers) {
    sentNanos = new long[maxMarkers];
    deliveredNanos = new long[maxMarkers];
  }

  int capacity() {
    return sentNanos.length;
  }

  /** Records that marker {@code n} is about to be sent now; markers are sent in order from 0. */
  void sent(int n, long nanos) {
    sentNanos[n] = nanos;
    sent = n + 1;
  }

  /**
   * Records that marker {@code n} arrived at {@code nanos}; unknown or repeated ones are counted.
   */
  synchronized void delivered(int n, long nanos) {
    if (n < 0 || n >= sent || deliveredNanos[n] != 0) {
      unknown.incrementAndGet();
      return;
    }
    deliveredNanos[n] = nanos;
    delivered.incrementAndGet();
  }

  int sentCount() {
    return sent;
  }

  int deliveredCount() {
    return delivered.get();
  }

  int unknownCount() {
    return unknown.get();
  }

  /** Latency percentiles of the delivered markers, in milliseconds. */
  synchronized Summary summary() {
    int n = sent;
    long[] lat = new long[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (deliveredNanos[i] != 0) {
        lat[k++] = deliveredNanos[i] - sentNanos[i];
      }
    }
    lat = Arrays.copyOf(lat, k);
    Arrays.sort(lat);
    return new Summary(n, k, pct(lat, 0.50), pct(lat, 0.90), pct(lat, 0.99), pct(lat, 1.0));
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.clamp(i, 0, sorted.length - 1)] / 1e6;
  }

  /** Counts and latency percentiles (ms) of one run. */
  record Summary(int sent, int delivered, double p50, double p90, double p99, double max) {
    int missing() {
      return sent - delivered;
    }
  }
}
