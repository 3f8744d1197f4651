package outpost.server.agents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP requests numbered by a sequence number carried in the path: every fifth one asks for a
 * missing page ({@code /missing/<seq>}, 404), the others for {@code /f<k>.txt?seq=<seq>} (200,
 * sizes differ). Records what the client saw: status, body bytes and latency.
 */
final class Traffic {
  record Result(int seq, int status, long bytes, long nanos) {}

  private static final Pattern SEQ = Pattern.compile("(?:seq=|/missing/)(\\d+)");

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final int port;

  Traffic(int port) {
    this.port = port;
  }

  static String path(int seq) {
    return seq % 5 == 0
        ? "/missing/" + seq
        : "/f" + (seq * 7 % WebServerProcess.FILES) + ".txt?seq=" + seq;
  }

  /** The sequence number in a logged path, or -1. */
  static int seqOf(String path) {
    Matcher m = SEQ.matcher(path);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  Result get(int seq) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path(seq)))
            .timeout(Duration.ofSeconds(30))
            .header("User-Agent", "outpost-agents-test")
            .GET()
            .build();
    long start = System.nanoTime();
    try {
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Result(seq, r.statusCode(), r.body().length, System.nanoTime() - start);
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path(seq), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Requests {@code from .. to-1} one after the other. */
  List<Result> sequential(int from, int to) {
    List<Result> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(get(i));
    }
    return out;
  }

  /** Requests {@code from .. to-1} from {@code threads} clients at once. */
  List<Result> concurrent(int from, int to, int threads) throws Exception {
    List<Result> out = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger(from);
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                    out.add(get(i));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    return out;
  }

  /** The {@code q}-quantile of the latencies, in milliseconds. */
  static double quantileMillis(List<Result> results, double q) {
    List<Long> nanos = new ArrayList<>(results.stream().map(Result::nanos).toList());
    Collections.sort(nanos);
    return nanos.get((int) Math.min(nanos.size() - 1, Math.ceil(q * nanos.size()) - 1)) / 1e6;
  }
}
