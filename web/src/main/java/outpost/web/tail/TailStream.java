package outpost.web.tail;

import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import outpost.index.Highlighter;
import outpost.index.StoredEvent;
import outpost.index.TailSubscription;
import outpost.web.api.HitJson;

/**
 * One live-tail Server-Sent-Events stream: moves matches from its {@link TailSubscription} to the
 * client on its own virtual thread, paced by {@link TailPacing}: {@code hits} with at most {@link
 * #MAX_HITS_PER_EVENT} events, {@code stats} when there were none, keepalive comments. Ends when
 * the client goes away (a write fails), or on {@link #stop()}; then it closes the subscription, the
 * client and its slot.
 *
 * <p>Thread-safe: {@link #stop()} may be called from any thread; everything else runs on the
 * stream's thread.
 */
public final class TailStream {
  public static final int MAX_HITS_PER_EVENT = 500;
  public static final Duration RATE_WINDOW = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(TailStream.class);

  private final SseClient client;
  private final TailSubscription subscription;
  private final Highlighter highlighter;
  private final TailStreams.Slot slot;
  private final TailPacing pacing;
  private final LongSupplier nanoTime;
  private final RateWindow rate = new RateWindow(RATE_WINDOW);
  private final AtomicBoolean stopped = new AtomicBoolean();

  /**
   * @param nanoTime a monotonic clock for pacing ({@code System::nanoTime})
   */
  TailStream(
      SseClient client,
      TailSubscription subscription,
      Highlighter highlighter,
      TailStreams.Slot slot,
      TailPacing pacing,
      LongSupplier nanoTime) {
    this.client = client;
    this.subscription = subscription;
    this.highlighter = highlighter;
    this.slot = slot;
    this.pacing = pacing;
    this.nanoTime = nanoTime;
  }

  /**
   * Starts streaming on a new virtual thread. The caller has already started the SSE response.
   * Takes ownership of the subscription and the slot: they are closed when the stream ends, or
   * right away when the streams are shutting down.
   */
  public static void start(
      SseClient client,
      TailSubscription subscription,
      Highlighter highlighter,
      TailStreams.Slot slot,
      String name) {
    TailStream stream =
        new TailStream(client, subscription, highlighter, slot, slot.pacing(), System::nanoTime);
    client.onClose(stream::stop);
    if (!slot.attach(stream)) {
      stream.stop();
      stream.finish();
      return;
    }
    Thread.ofVirtual().name("outpost-tail-" + name).start(stream::run);
  }

  /** Ends the stream soon (its thread notices within a poll). Safe to call more than once. */
  public void stop() {
    if (stopped.compareAndSet(false, true)) {
      subscription.close();
    }
  }

  void run() {
    try {
      loop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("live tail stream failed", e);
    } finally {
      finish();
    }
  }

  private void loop() throws InterruptedException {
    long lastSend = nanoTime.getAsLong();
    long lastComment = lastSend;
    rate.record(lastSend, subscription.matched());
    while (!stopped.get() && !client.terminated()) {
      long deadline = lastSend + pacing.statsInterval().toNanos();
      List<StoredEvent> events =
          subscription.poll(
              MAX_HITS_PER_EVENT, Duration.ofNanos(Math.max(deadline - nanoTime.getAsLong(), 0)));
      long now = nanoTime.getAsLong();
      if (!events.isEmpty()) {
        send("hits", events, now);
        lastSend = now;
        Thread.sleep(pacing.hitsInterval());
      } else if (now >= deadline) {
        send("stats", List.of(), now);
        lastSend = now;
      } else {
        // poll returned early without events: the subscription was closed; do not spin
        Thread.sleep(Duration.ofNanos(deadline - now));
      }
      if (now - lastComment >= pacing.keepaliveInterval().toNanos() && !client.terminated()) {
        client.sendComment("keepalive");
        lastComment = now;
      }
    }
  }

  private void send(String event, List<StoredEvent> events, long now) {
    List<HitJson> hits = events.stream().map(e -> HitJson.of(e, highlighter)).toList();
    long matched = subscription.matched();
    double perSecond = rate.record(now, matched);
    client.sendEvent(
        event, new TailEventJson(hits, matched, subscription.dropped(), round(perSecond)));
  }

  private static double round(double rate) {
    return Math.round(rate * 100) / 100.0;
  }

  private void finish() {
    stop();
    client.close();
    slot.close();
  }
}
