package outpost.bench.opensearch;

import java.util.List;

/**
 * What one contender measured, and the per-message figures derived from it. A process the contender
 * does not have (no Outpost for OpenSearch fed directly, no OpenSearch for embedded Lucene) has CPU
 * and RSS of -1. Immutable.
 *
 * @param name the contender's label
 * @param messages messages (documents) indexed and searchable at the end of ingest
 * @param seconds from the first message sent until all were searchable
 * @param outpostCpuNanos Outpost server CPU (utime+stime) over those seconds, or -1
 * @param openSearchCpuNanos OpenSearch JVM CPU over those seconds, or -1
 * @param loadCpuNanos the load generator's CPU (the benchmark JVM: syslog sender or bulk feeder)
 * @param otherCores other processes' cores busy on average meanwhile (the shared machine)
 * @param indexBytes the search index on disk after the final commit (Lucene index directory, or the
 *     OpenSearch indices' primary store after refresh and flush)
 * @param dataBytes all data on disk: index plus Outpost's journal and OpenSearch's translog and
 *     cluster state
 * @param outpostPeakRss Outpost's VmHWM in bytes, or -1
 * @param openSearchPeakRss OpenSearch's VmHWM in bytes, or -1
 * @param latencies the comparison queries, in {@link ComparisonQuery#standard()} order
 */
public record ContenderResult(
    String name,
    long messages,
    double seconds,
    long outpostCpuNanos,
    long openSearchCpuNanos,
    long loadCpuNanos,
    double otherCores,
    long indexBytes,
    long dataBytes,
    long outpostPeakRss,
    long openSearchPeakRss,
    List<QueryTimer.Latency> latencies) {

  public ContenderResult {
    latencies = List.copyOf(latencies);
    if (messages <= 0 || !(seconds > 0)) {
      throw new IllegalArgumentException(
          name + ": messages " + messages + " and seconds " + seconds + " must be positive");
    }
  }

  /** Indexing rate from the first message sent until all were searchable. */
  public double messagesPerSecond() {
    return messages / seconds;
  }

  /** CPU seconds per million messages of {@code cpuNanos}; NaN when the process is absent. */
  public double cpuSecondsPerMillion(long cpuNanos) {
    return cpuNanos < 0 ? Double.NaN : cpuNanos / 1e9 / (messages / 1e6);
  }

  /** Outpost and OpenSearch CPU together (the load generator not counted). */
  public long serverCpuNanos() {
    return Math.max(0, outpostCpuNanos) + Math.max(0, openSearchCpuNanos);
  }

  /** Messages indexed per CPU second of the server processes: the rate per CPU. */
  public double messagesPerCpuSecond() {
    return messages / (serverCpuNanos() / 1e9);
  }

  public double indexBytesPerMessage() {
    return indexBytes / (double) messages;
  }

  public double dataBytesPerMessage() {
    return dataBytes / (double) messages;
  }

  /** The p50 of the query named {@code query}, NaN if it was not measured. */
  public double p50(String query) {
    return latencies.stream()
        .filter(l -> l.query().equals(query))
        .mapToDouble(QueryTimer.Latency::p50)
        .findFirst()
        .orElse(Double.NaN);
  }
}
