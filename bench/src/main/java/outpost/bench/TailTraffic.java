package outpost.bench;

/**
 * What the tail-latency runs send and look for: every {@link #MARKER_EVERY}th message is a marker
 * whose text holds the run's token and the marker's number, so one query finds exactly the markers
 * of this run. Stateless.
 */
final class TailTraffic {
  /** The requirement's ingest rate: "within 1 s of its arrival at 20,000 msgs/s ingest". */
  static final int DEFAULT_RATE = 20_000;

  static final int MARKER_EVERY = 100;

  private TailTraffic() {}

  /** The query matching the markers of run {@code runId}. */
  static String markerQuery(String runId) {
    return runId + "tail";
  }

  /** The message text of marker {@code n}. */
  static String markerText(String runId, int n) {
    return "tail marker " + markerQuery(runId) + " m" + n;
  }

  /** The number of the marker whose message is {@code text}, or -1 when it is none. */
  static int markerNumber(String text) {
    int at = text.lastIndexOf(" m");
    if (at < 0) {
      return -1;
    }
    try {
      return Integer.parseInt(text.substring(at + 2).strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Adds the counts and latency percentiles to the report. */
  static void report(Report report, LatencySamples samples) {
    LatencySamples.Summary s = samples.summary();
    report.number("markers_sent", "markers sent", s.sent(), "");
    report.number("markers_delivered", "markers delivered", s.delivered(), "");
    report.number("markers_missing", "markers never delivered (10 s grace)", s.missing(), "");
    report.number(
        "markers_unknown", "unexpected or repeated deliveries", samples.unknownCount(), "");
    report.number("latency_p50_ms", "TAIL LATENCY p50", s.p50(), "ms");
    report.number("latency_p90_ms", "tail latency p90", s.p90(), "ms");
    report.number("latency_p99_ms", "TAIL LATENCY p99", s.p99(), "ms");
    report.number("latency_max_ms", "TAIL LATENCY max", s.max(), "ms");
  }
}
