package outpost.bench.opensearch;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import outpost.bench.QueryLatency;

/**
 * Times one contender's queries the same way for all: each query {@code warmup} times unmeasured,
 * then {@code runs} times one after another, the client-side round trip of each. Not thread-safe.
 */
final class QueryTimer {
  /** How one contender answers a query: sends it and returns a short summary of the answer. */
  interface Target {
    String answer(ComparisonQuery query, Instant from, Instant to) throws IOException;
  }

  /** Latency percentiles in milliseconds and the last answer's summary. */
  record Latency(String query, int runs, double p50, double p99, double max, String answer) {}

  private final int warmup;
  private final int runs;

  QueryTimer(int warmup, int runs) {
    if (runs < 1 || warmup < 0) {
      throw new IllegalArgumentException("runs " + runs + " / warmup " + warmup + " out of range");
    }
    this.warmup = warmup;
    this.runs = runs;
  }

  Latency measure(Target target, ComparisonQuery query, Instant from, Instant to)
      throws IOException {
    String answer = "";
    for (int i = 0; i < warmup; i++) {
      answer = target.answer(query, from, to);
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      answer = target.answer(query, from, to);
      nanos[i] = System.nanoTime() - t0;
    }
    return latency(query.name(), nanos, answer);
  }

  /** Percentiles (nearest rank) of {@code nanos}, which this sorts, as milliseconds. */
  static Latency latency(String query, long[] nanos, String answer) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no samples for " + query);
    }
    Arrays.sort(nanos);
    return new Latency(
        query,
        nanos.length,
        QueryLatency.percentile(nanos, 50) / 1e6,
        QueryLatency.percentile(nanos, 99) / 1e6,
        nanos[nanos.length - 1] / 1e6,
        answer);
  }
}
