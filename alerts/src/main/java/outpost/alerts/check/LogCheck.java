package outpost.alerts.check;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import outpost.index.LogSearch;
import outpost.index.QueryException;
import outpost.index.SearchRequest;
import outpost.index.query.LogQueryParser;

/**
 * The {@code log} kind: counts the events matching a Lucene query over the sliding window [now -
 * window, now] and compares the count (or, with {@code ratio_of}, the percentage of a second
 * query's count) with Nagios ranges: {@code critical: 50} is CRITICAL above 50. Bound to a logging
 * host it adds {@code host:"<host>"} to both queries unless {@code host_scoped: false}. Output
 * {@code LOG CRITICAL: 73 matches for status:[500 TO 599] in 5m |matches=73;20;50;0}. Thread-safe:
 * immutable; the store is.
 */
final class LogCheck implements Check {
  static final Set<String> PARAMS =
      Set.of("query", "window", "warning", "critical", "ratio_of", "min_total", "host_scoped");

  private final LogSearch search;
  private final InstantSource clock;
  private final String query;
  private final String ratioOf;
  private final String scopedQuery;
  private final String scopedRatioOf;
  private final Duration window;
  private final Optional<NagiosRange> warning;
  private final Optional<NagiosRange> critical;
  private final long minTotal;

  LogCheck(Params p, CheckEnvironment env) {
    this.search = env.search();
    this.clock = env.clock();
    this.query = validQuery("query", p.required("query"));
    this.ratioOf = p.string("ratio_of").map(q -> validQuery("ratio_of", q)).orElse(null);
    this.window = p.duration("window", Duration.ofMinutes(5));
    this.warning = p.range("warning");
    this.critical = p.range("critical");
    if (warning.isEmpty() && critical.isEmpty()) {
      throw new CheckConfigException("critical", "a log check needs warning or critical (or both)");
    }
    if (ratioOf == null && p.has("min_total")) {
      throw new CheckConfigException("min_total", "only applies with ratio_of");
    }
    this.minTotal = p.integer("min_total", 0, 0, Integer.MAX_VALUE);
    boolean scoped = p.bool("host_scoped", !p.target().outpost());
    String host = p.target().host();
    this.scopedQuery = scoped ? scope(query, host) : query;
    this.scopedRatioOf = ratioOf == null ? null : scoped ? scope(ratioOf, host) : ratioOf;
  }

  static String validQuery(String param, String q) {
    try {
      new LogQueryParser().parse(q);
      return q.strip();
    } catch (QueryException e) {
      throw new CheckConfigException(
          param, "\"" + q + "\" is not a valid query: " + e.getMessage());
    }
  }

  /** {@code (query) AND host:"name"}, quoting the name for the query syntax. */
  static String scope(String query, String host) {
    String quoted = "host:\"" + host.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return query.isBlank() ? quoted : "(" + query + ") AND " + quoted;
  }

  @Override
  public String kind() {
    return "log";
  }

  @Override
  public CheckResult run() {
    long start = System.nanoTime();
    Instant to = clock.instant();
    Instant from = to.minus(window);
    String w = Durations.format(window);
    try {
      long matches = count(scopedQuery, from, to);
      if (ratioOf == null) {
        Status s = Results.threshold(matches, warning, critical);
        PerfValue perf = Results.perf("matches", matches, "", warning, critical, 0.0, null);
        return Results.result(
            clock,
            start,
            s,
            "LOG "
                + s
                + ": "
                + matches
                + " match"
                + (matches == 1 ? "" : "es")
                + " for "
                + query
                + " in "
                + w,
            "",
            List.of(perf));
      }
      long total = count(scopedRatioOf, from, to);
      PerfValue m = new PerfValue("matches", matches, "", "", "", 0.0, null);
      PerfValue t = new PerfValue("total", total, "", "", "", 0.0, null);
      if (total == 0 || total < minTotal) {
        String why =
            total == 0 ? "no traffic" : "only " + total + " events, below min_total " + minTotal;
        return Results.result(
            clock,
            start,
            Status.OK,
            "LOG OK: " + why + " for " + ratioOf + " in " + w,
            "",
            List.of(m, t));
      }
      double percent = 100.0 * matches / total;
      double shown = Math.round(percent * 100) / 100.0;
      Status s = Results.threshold(percent, warning, critical);
      PerfValue ratio = Results.perf("ratio", shown, "%", warning, critical, 0.0, 100.0);
      return Results.result(
          clock,
          start,
          s,
          "LOG "
              + s
              + ": "
              + PerfDataParser.num(shown)
              + "% ("
              + matches
              + " of "
              + total
              + ") "
              + query
              + " of "
              + ratioOf
              + " in "
              + w,
          "",
          List.of(ratio, m, t));
    } catch (QueryException e) {
      return Results.result(clock, start, Status.UNKNOWN, "query failed: " + Results.message(e));
    } catch (RuntimeException e) {
      return Results.result(
          clock, start, Status.UNKNOWN, "log search failed: " + Results.message(e));
    }
  }

  private long count(String q, Instant from, Instant to) {
    // [from, to]: the request's upper bound is exclusive, so include the current millisecond
    return search.search(new SearchRequest(q, from, to.plusMillis(1), 1, "")).total();
  }
}
