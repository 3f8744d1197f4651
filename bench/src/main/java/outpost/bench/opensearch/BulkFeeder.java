package outpost.bench.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds documents to one OpenSearch index through {@code _bulk} as fast as the node takes them, on
 * a few connections at once, with the current time as every document's timestamp. A 429 (the node's
 * backpressure) is retried after a pause and counted; any other failure, or a bulk answer with item
 * errors, fails the run. One run per instance; not thread-safe.
 */
final class BulkFeeder {
  private static final long RETRY_PAUSE_MILLIS = 100;

  /** What was sent: documents, 429 retries, and when sending started and ended. */
  record Result(long documents, long retries, Instant start, Instant end) {
    double seconds() {
      return Duration.between(start, end).toNanos() / 1e9;
    }
  }

  private final OpenSearchHttp http;
  private final String index;
  private final BulkDocuments docs;
  private final InstantSource clock;
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  BulkFeeder(OpenSearchHttp http, String index, BulkDocuments docs, InstantSource clock) {
    this.http = http;
    this.index = index;
    this.docs = docs;
    this.clock = clock;
  }

  /** Sends {@code total} documents in requests of {@code batch} over {@code connections}. */
  Result run(long total, int batch, int connections) throws IOException, InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    try {
      Instant start = clock.instant();
      List<Future<Void>> senders = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        senders.add(
            pool.submit(
                () -> {
                  send(total, batch);
                  return null;
                }));
      }
      for (Future<Void> f : senders) {
        f.get();
      }
      return new Result(total, retries.get(), start, clock.instant());
    } catch (ExecutionException e) {
      throw new IOException("bulk sender failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private void send(long total, int batch) throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder(batch * 600);
    while (true) {
      long first = next.getAndAdd(batch);
      if (first >= total) {
        return;
      }
      String timestamp = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
      List<Long> pending = new ArrayList<>();
      for (long d = first; d < Math.min(first + batch, total); d++) {
        pending.add(d);
      }
      while (!pending.isEmpty()) {
        body.setLength(0);
        for (long d : pending) {
          docs.appendBulk(body, d, 1, timestamp);
        }
        pending = rejected(pending, body.toString());
        if (!pending.isEmpty()) {
          retries.incrementAndGet();
          Thread.sleep(RETRY_PAUSE_MILLIS);
        }
      }
    }
  }

  /**
   * Posts one bulk request of {@code docs}; returns those the node rejected with 429 (all of them
   * when it rejected the whole request), to be sent again. Fails on any other error.
   */
  private List<Long> rejected(List<Long> sent, String body) throws IOException {
    OpenSearchHttp.Response r =
        http.send("POST", "/" + index + "/_bulk", body, "application/x-ndjson");
    if (r.status() == 429) {
      return sent;
    }
    if (r.status() != 200) {
      throw new IOException("bulk of " + sent.size() + " -> " + r.status() + ": " + cut(r.body()));
    }
    String head = r.body().substring(0, Math.min(64, r.body().length()));
    if (head.contains("\"errors\":false")) {
      return List.of(); // the usual answer: no need to parse thousands of items
    }
    JsonNode answer = r.json();
    List<Long> again = new ArrayList<>();
    JsonNode items = answer.path("items");
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i).path("index");
      int status = item.path("status").asInt();
      if (status == 429) {
        again.add(sent.get(i));
      } else if (status < 200 || status > 299) {
        throw new IOException("bulk item rejected with " + status + ": " + cut(item.toString()));
      }
    }
    return again;
  }

  private static String cut(String s) {
    return s.length() <= 500 ? s : s.substring(0, 500) + "...";
  }
}
