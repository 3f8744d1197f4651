package outpost.alerts.notify;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * A response body subscriber that keeps the first {@code limit} bytes and drains the rest, so a
 * receiver answering with an endless body cannot fill the heap. One instance per response; used by
 * the HTTP client's threads one signal at a time, as the Flow contract guarantees.
 */
final class BoundedBody implements Flow.Subscriber<List<ByteBuffer>> {
  private final int limit;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

  private BoundedBody(int limit) {
    this.limit = limit;
  }

  static HttpResponse.BodySubscriber<String> subscriber(int limit) {
    BoundedBody body = new BoundedBody(limit);
    return HttpResponse.BodySubscribers.fromSubscriber(body, BoundedBody::text);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer b : buffers) {
      int take = Math.min(b.remaining(), limit - kept.size());
      if (take > 0) {
        byte[] chunk = new byte[take];
        b.get(chunk);
        kept.write(chunk, 0, take);
      }
    }
  }

  @Override
  public void onError(Throwable throwable) {
    // the exchange's future reports the error
  }

  @Override
  public void onComplete() {
    // nothing to flush: text() reads what was kept
  }

  private String text() {
    return kept.toString(StandardCharsets.UTF_8);
  }
}
