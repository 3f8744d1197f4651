package outpost.alerts.check;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * One HTTP request with a hard deadline over the whole exchange (connect, TLS, headers and body)
 * and a bounded body: the first {@link #MAX_BODY_BYTES} are kept for matching, the rest only
 * counted. Failures become the short phrases outputs use ({@code connection refused}, {@code timed
 * out after 10s}). Stateless and thread-safe.
 */
final class HttpExchange {
  /** Bytes of a response body kept for {@code body_contains} / {@code body_regex}. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private HttpExchange() {}

  /** A finished exchange: the response (its body is the kept head) and the body's full size. */
  record Response(HttpResponse<Body> response, double seconds) {
    Body body() {
      return response.body();
    }
  }

  /** The kept start of a body and the number of bytes the server sent in all. */
  record Body(byte[] head, long size) {}

  /** Why an exchange did not complete, as a one-line phrase. */
  static final class Failure extends Exception {
    Failure(String message) {
      super(message);
    }
  }

  static Response send(HttpClient client, HttpRequest request, Duration timeout)
      throws Failure, InterruptedException {
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<Body>> future =
        client.sendAsync(
            request,
            info -> HttpResponse.BodySubscribers.fromSubscriber(new Bounded(), Bounded::body));
    try {
      HttpResponse<Body> response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return new Response(response, (System.nanoTime() - start) / 1e9);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new Failure("timed out after " + Durations.format(timeout));
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw new Failure(describe(e.getCause(), timeout));
    }
  }

  /** The short phrase for a failed exchange. */
  static String describe(Throwable e, Duration timeout) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException) {
        return "timed out after " + Durations.format(timeout);
      }
      if (t instanceof ConnectException) {
        String m = t.getMessage();
        return m != null && m.toLowerCase(java.util.Locale.ROOT).contains("timed out")
            ? "connect timed out after " + Durations.format(timeout)
            : "connection refused";
      }
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return "cannot resolve host" + (t.getMessage() == null ? "" : " " + t.getMessage());
      }
      if (t instanceof SSLException) {
        return "TLS failed: " + Results.message(t);
      }
    }
    return "request failed: " + Results.message(e);
  }

  /** Keeps the first bytes of a body, counts the rest. Called by one client thread at a time. */
  private static final class Bounded implements Flow.Subscriber<List<ByteBuffer>> {
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private long size;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        int n = b.remaining();
        size += n;
        int keep = Math.min(n, MAX_BODY_BYTES - head.size());
        if (keep > 0) {
          byte[] bytes = new byte[keep];
          b.get(bytes);
          head.write(bytes, 0, keep);
        }
      }
    }

    @Override
    public void onError(Throwable throwable) {
      // the client completes the response future exceptionally; nothing to keep
    }

    @Override
    public void onComplete() {
      // body() is read by the finisher after completion
    }

    Body body() {
      return new Body(head.toByteArray(), size);
    }
  }
}
