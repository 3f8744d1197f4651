package outpost.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures what the search page costs for one query: the API calls the UI makes (search limit 100,
 * histogram 60 buckets, and the top 10 values of host, app, severity, status, path, client_ip in
 * one {@code /api/top-values} call), issued at once as a browser would, timed from the first
 * request until the last answer. Not thread-safe; {@link #close} stops its threads.
 */
final class SearchPageLatency implements AutoCloseable {
  /** Connections a browser opens to one HTTP/1.1 origin at most. */
  static final int BROWSER_CONNECTIONS = 6;

  static final List<String> FACET_FIELDS =
      List.of("host", "app", "severity", "status", "path", "client_ip");

  /** One API call of the page. */
  record Call(String name, String path, Map<String, String> params) {}

  /** Page latencies in ms, each call's median in ms, and what the search answered. */
  record Stats(
      String query,
      int runs,
      double p50,
      double p90,
      double p99,
      double max,
      Map<String, Double> callP50,
      String answer) {}

  private final OutpostClient client;
  private final int warmup;
  private final int runs;
  private final ExecutorService pool = Executors.newFixedThreadPool(BROWSER_CONNECTIONS);

  SearchPageLatency(OutpostClient client, int warmup, int runs) {
    if (runs < 1 || warmup < 0) {
      throw new IllegalArgumentException("runs " + runs + " / warmup " + warmup + " out of range");
    }
    this.client = client;
    this.warmup = warmup;
    this.runs = runs;
  }

  /** The calls of the page for {@code q} over [from, to]. */
  static List<Call> calls(String q, String from, String to) {
    List<Call> calls = new ArrayList<>();
    calls.add(new Call("search", "/api/search", params(q, from, to, "limit", "100")));
    calls.add(new Call("histogram", "/api/histogram", params(q, from, to, "buckets", "60")));
    String fields = String.join("&field=", FACET_FIELDS);
    calls.add(
        new Call(
            "top-values", "/api/top-values?field=" + fields, params(q, from, to, "size", "10")));
    return calls;
  }

  private static Map<String, String> params(String q, String from, String to, String k, String v) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("q", q);
    p.put("from", from);
    p.put("to", to);
    p.put(k, v);
    return p;
  }

  Stats measure(String q, String from, String to) throws IOException, InterruptedException {
    List<Call> calls = calls(q, from, to);
    for (int i = 0; i < warmup; i++) {
      page(calls, new long[calls.size()]);
    }
    long[] pages = new long[runs];
    long[][] perCall = new long[calls.size()][runs];
    String answer = "";
    for (int r = 0; r < runs; r++) {
      long[] nanos = new long[calls.size()];
      long t0 = System.nanoTime();
      answer = page(calls, nanos);
      pages[r] = System.nanoTime() - t0;
      for (int c = 0; c < calls.size(); c++) {
        perCall[c][r] = nanos[c];
      }
    }
    Arrays.sort(pages);
    Map<String, Double> callP50 = new LinkedHashMap<>();
    for (int c = 0; c < calls.size(); c++) {
      Arrays.sort(perCall[c]);
      callP50.put(calls.get(c).name(), ms(QueryLatency.percentile(perCall[c], 50)));
    }
    return new Stats(
        q,
        runs,
        ms(QueryLatency.percentile(pages, 50)),
        ms(QueryLatency.percentile(pages, 90)),
        ms(QueryLatency.percentile(pages, 99)),
        ms(pages[runs - 1]),
        callP50,
        answer);
  }

  /** Sends every call at once; returns the search's total and stores each call's latency. */
  private String page(List<Call> calls, long[] nanos) throws IOException, InterruptedException {
    List<Future<OutpostClient.Timed>> answers = new ArrayList<>();
    for (Call c : calls) {
      answers.add(pool.submit(() -> client.get(c.path(), c.params())));
    }
    String total = "";
    for (int i = 0; i < answers.size(); i++) {
      try {
        OutpostClient.Timed t = answers.get(i).get();
        nanos[i] = t.nanos();
        if (i == 0) {
          total = "total=" + OutpostClient.json(t.body()).path("total").asText();
        }
      } catch (ExecutionException e) {
        throw new IOException(calls.get(i).name() + " failed: " + e.getCause().getMessage(), e);
      }
    }
    return total;
  }

  /** One report line. */
  static String format(Stats s) {
    StringBuilder calls = new StringBuilder();
    s.callP50().forEach((k, v) -> calls.append(String.format(Locale.ROOT, " %s %.1f", k, v)));
    return String.format(
        Locale.ROOT,
        "page q=%-14s p50 %7.1f ms  p90 %7.1f ms  p99 %7.1f ms  max %7.1f ms   %s%n"
            + "      per-call p50 ms:%s",
        "'" + s.query() + "'",
        s.p50(),
        s.p90(),
        s.p99(),
        s.max(),
        s.answer(),
        calls);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
