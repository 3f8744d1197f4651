package outpost.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes the server's counters once a second while a load runs, for a time series of accepted and
 * indexed messages and RSS. Close it to stop. Thread-safe.
 */
final class Sampler implements AutoCloseable {
  /** One scrape: seconds since start, counter values, resident set. */
  record Sample(double t, double accepted, double indexed, double lag, long rssBytes) {}

  private final List<Sample> samples = new ArrayList<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-sampler");
            t.setDaemon(true);
            return t;
          });
  private final long t0 = System.nanoTime();

  Sampler(OutpostClient client, ServerProcess server, String transport) {
    timer.scheduleAtFixedRate(
        () -> {
          try {
            Metrics m = client.metrics();
            add(
                new Sample(
                    (System.nanoTime() - t0) / 1e9,
                    Meters.sum(m, Meters.ACCEPTED, transport),
                    Meters.sum(m, Meters.INDEXED),
                    Meters.sum(m, Meters.INDEX_LAG),
                    ProcStats.rssBytes(server.pid())));
          } catch (IOException | RuntimeException e) {
            // a missed sample only thins the series; the phase's own reads report real failures
          }
        },
        0,
        1,
        TimeUnit.SECONDS);
  }

  private synchronized void add(Sample s) {
    samples.add(s);
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** Per-second rates between consecutive samples, as [t, accepted/s, indexed/s] rows. */
  synchronized List<Map<String, Double>> rates() {
    List<Map<String, Double>> out = new ArrayList<>();
    for (int i = 1; i < samples.size(); i++) {
      Sample a = samples.get(i - 1);
      Sample b = samples.get(i);
      double dt = b.t() - a.t();
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("t", Math.round(b.t() * 10) / 10.0);
      row.put("accepted_per_s", (double) Math.round((b.accepted() - a.accepted()) / dt));
      row.put("indexed_per_s", (double) Math.round((b.indexed() - a.indexed()) / dt));
      row.put("lag", b.lag());
      row.put("rss_mib", (double) (b.rssBytes() >> 20));
      out.add(row);
    }
    return out;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
