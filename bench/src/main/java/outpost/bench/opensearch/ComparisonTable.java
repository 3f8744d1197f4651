package outpost.bench.opensearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders contender results side by side as a Markdown table (one column per contender), and checks
 * the goal: embedded Lucene at least {@link #RATE_GOAL} times OpenSearch's indexing rate per CPU
 * and at most half its disk and query latency. Stateless.
 */
public final class ComparisonTable {
  /**
   * Embedded Lucene's indexing rate per CPU second must be at least this many times OpenSearch's.
   */
  public static final double RATE_GOAL = 3.0;

  /** Embedded Lucene's disk and query latency must be at most this share of OpenSearch's. */
  public static final double SHARE_GOAL = 0.5;

  private static final double MIB = 1 << 20;

  private ComparisonTable() {}

  /** The table; {@code rawMessageBytes} is the RFC 5424 frame, {@code rawBodyBytes} the line. */
  public static String markdown(
      List<ContenderResult> results, double rawMessageBytes, double rawBodyBytes) {
    List<String> lines = new ArrayList<>();
    StringBuilder head = new StringBuilder("| |");
    StringBuilder rule = new StringBuilder("|---|");
    for (ContenderResult r : results) {
      head.append(' ').append(r.name()).append(" |");
      rule.append("---:|");
    }
    lines.add(head.toString());
    lines.add(rule.toString());
    lines.add(row("messages indexed", results, r -> number(r.messages())));
    lines.add(
        row("indexing msgs/s, until searchable", results, r -> number(r.messagesPerSecond())));
    lines.add(
        row(
            "CPU s per 1M msgs: Outpost",
            results,
            r -> decimal(r.cpuSecondsPerMillion(r.outpostCpuNanos()))));
    lines.add(
        row(
            "CPU s per 1M msgs: OpenSearch",
            results,
            r -> decimal(r.cpuSecondsPerMillion(r.openSearchCpuNanos()))));
    lines.add(
        row(
            "CPU s per 1M msgs: sum",
            results,
            r -> "**" + decimal(r.cpuSecondsPerMillion(r.serverCpuNanos())) + "**"));
    lines.add(row("msgs per CPU second (sum)", results, r -> number(r.messagesPerCpuSecond())));
    lines.add(
        row(
            "load generator CPU s per 1M msgs",
            results,
            r -> decimal(r.cpuSecondsPerMillion(r.loadCpuNanos()))));
    lines.add(row("other processes' cores meanwhile", results, r -> decimal(r.otherCores())));
    lines.add(
        row(
            "index bytes per msg (raw frame %.0f B, line %.0f B)"
                .formatted(rawMessageBytes, rawBodyBytes),
            results,
            r -> decimal(r.indexBytesPerMessage())));
    lines.add(row("all data bytes per msg", results, r -> decimal(r.dataBytesPerMessage())));
    lines.add(row("peak RSS Outpost, MiB", results, r -> mib(r.outpostPeakRss())));
    lines.add(row("peak RSS OpenSearch, MiB", results, r -> mib(r.openSearchPeakRss())));
    if (!results.isEmpty()) {
      for (int q = 0; q < results.get(0).latencies().size(); q++) {
        int i = q;
        String name = results.get(0).latencies().get(q).query();
        lines.add(
            row(
                name + ", p50 / p99 ms",
                results,
                r ->
                    i < r.latencies().size()
                        ? decimal(r.latencies().get(i).p50())
                            + " / "
                            + decimal(r.latencies().get(i).p99())
                        : "n/a"));
      }
    }
    return String.join("\n", lines) + "\n";
  }

  /**
   * The goal lines: {@code lucene} against {@code other} (OpenSearch fed directly, or Outpost on
   * OpenSearch), each ratio with "met" or "not met".
   */
  public static List<String> goals(ContenderResult lucene, ContenderResult other) {
    List<String> out = new ArrayList<>();
    double rate = lucene.messagesPerCpuSecond() / other.messagesPerCpuSecond();
    out.add(
        String.format(
            Locale.ROOT,
            "indexing rate per CPU: %s %.2fx %s (goal >= %.0fx): %s",
            lucene.name(),
            rate,
            other.name(),
            RATE_GOAL,
            verdict(rate >= RATE_GOAL)));
    double disk = lucene.indexBytesPerMessage() / other.indexBytesPerMessage();
    out.add(
        String.format(
            Locale.ROOT,
            "index bytes per message: %s %.2f of %s (goal <= %.2f): %s",
            lucene.name(),
            disk,
            other.name(),
            SHARE_GOAL,
            verdict(disk <= SHARE_GOAL)));
    for (QueryTimer.Latency l : lucene.latencies()) {
      double share = l.p50() / other.p50(l.query());
      out.add(
          String.format(
              Locale.ROOT,
              "p50 %s: %.2f of %s (goal <= %.2f): %s",
              l.query(),
              share,
              other.name(),
              SHARE_GOAL,
              Double.isNaN(share) ? "not measured" : verdict(share <= SHARE_GOAL)));
    }
    return out;
  }

  private static String verdict(boolean met) {
    return met ? "met" : "NOT met";
  }

  private static String row(
      String label, List<ContenderResult> results, Function<ContenderResult, String> cell) {
    StringBuilder s = new StringBuilder("| ").append(label).append(" |");
    for (ContenderResult r : results) {
      s.append(' ').append(cell.apply(r)).append(" |");
    }
    return s.toString();
  }

  static String number(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%,d", Math.round(v)) : "-";
  }

  static String decimal(double v) {
    if (!Double.isFinite(v)) {
      return "-";
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : "%.2f", v);
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "-" : String.format(Locale.ROOT, "%,.0f", bytes / MIB);
  }
}
