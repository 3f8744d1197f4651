package outpost.web.api;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import outpost.index.Highlighter;
import outpost.index.LogSearch;
import outpost.index.LogTail;
import outpost.index.TailSubscription;
import outpost.web.tail.TailStream;
import outpost.web.tail.TailStreams;

/**
 * {@code GET /api/tail?q=}: a Server-Sent-Events stream of new matches ({@link TailStream}). The
 * query is checked, a stream slot taken ({@link TailStreams}, 429 beyond the limits) and the
 * subscription made before the response starts, so each of those fails as a JSON error.
 * Thread-safe.
 */
public final class TailController {
  /** Undelivered events one stream holds; newer matches are dropped and counted beyond. */
  public static final int CAPACITY = 5_000;

  /** Seconds a client refused for too many streams should wait. */
  static final int RETRY_AFTER_SECONDS = 5;

  private final LogSearch search;
  private final LogTail tail;
  private final TailStreams streams;

  public TailController(LogSearch search, LogTail tail, TailStreams streams) {
    this.search = search;
    this.tail = tail;
    this.streams = streams;
  }

  /** Opens the stream; the response stays open until the client leaves or the server stops. */
  public void tail(Context ctx) {
    String query = Params.query(ctx);
    String user = Params.user(ctx);
    Highlighter highlighter = search.highlighter(query);
    TailStreams.Slot slot;
    try {
      slot = streams.open(user);
    } catch (TailStreams.TooManyStreams e) {
      ctx.header(Header.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
      throw new HttpResponseException(HttpStatus.TOO_MANY_REQUESTS.getCode(), e.getMessage());
    }
    TailSubscription subscription;
    try {
      subscription = tail.subscribe(query, CAPACITY);
    } catch (RuntimeException e) {
      slot.close();
      throw e;
    }
    try {
      startEventStream(ctx);
    } catch (IOException | RuntimeException e) {
      subscription.close();
      slot.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    SseClient client = new SseClient(ctx);
    client.keepAlive();
    TailStream.start(client, subscription, highlighter, slot, user);
  }

  /** Sends the status and headers now, so the browser's EventSource sees the stream open. */
  private static void startEventStream(Context ctx) throws IOException {
    var res = ctx.res();
    res.setStatus(HttpStatus.OK.getCode());
    res.setCharacterEncoding("UTF-8");
    res.setContentType("text/event-stream");
    res.setHeader(Header.CACHE_CONTROL, "no-cache");
    // tells a proxy such as nginx not to buffer the stream
    res.setHeader("X-Accel-Buffering", "no");
    res.flushBuffer();
  }
}
