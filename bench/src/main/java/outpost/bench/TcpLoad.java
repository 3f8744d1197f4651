package outpost.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the corpus as octet-counted RFC 5424 (RFC 6587 section 3.4.1) over several TCP connections
 * as fast as the server reads, until a time limit or a message budget is reached. After its last
 * chunk each connection sends one marker message with a unique token, so the caller can search for
 * the last message of every connection. One run per instance; not thread-safe.
 */
public final class TcpLoad {
  /** Messages per write and per timestamp stamp; about 64 KiB of the Apache corpus. */
  private static final int CHUNK_MESSAGES = 256;

  /** How long the server may read nothing before the run fails. */
  private static final Duration STALL_LIMIT = Duration.ofSeconds(120);

  private static final long PROGRESS_POLL_MILLIS = 200;

  /** What was sent. {@code markers} are the tokens of the last message of each connection. */
  public record Result(
      long messages, long bytes, Instant start, Instant end, List<String> markers) {
    public double seconds() {
      return Duration.between(start, end).toNanos() / 1e9;
    }
  }

  private final InetSocketAddress target;
  private final Corpus corpus;
  private final InstantSource clock;
  private final AtomicLong budget = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  public TcpLoad(InetSocketAddress target, Corpus corpus, InstantSource clock) {
    this.target = target;
    this.corpus = corpus;
    this.clock = clock;
  }

  /**
   * Sends on {@code connections} connections until {@code duration} has passed or {@code
   * maxMessages} (markers not counted) are sent, whichever comes first.
   */
  public Result run(int connections, Duration duration, long maxMessages, String runId)
      throws IOException, InterruptedException {
    budget.set(maxMessages);
    List<SocketChannel> channels = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    try {
      List<EncodedMessages> encoded = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        encoded.add(corpus.encode(c * corpus.size() / connections, true));
        channels.add(SocketChannel.open(target));
      }
      Instant start = clock.instant();
      long deadline = System.nanoTime() + duration.toNanos();
      List<Future<Long>> sent = new ArrayList<>();
      List<String> markers = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        SocketChannel ch = channels.get(c);
        EncodedMessages messages = encoded.get(c);
        String marker = runId + "end" + c;
        markers.add(marker);
        sent.add(pool.submit(() -> send(ch, messages, deadline, marker)));
      }
      awaitProgress(sent);
      long total = 0;
      for (Future<Long> f : sent) {
        total += f.get();
      }
      return new Result(total, bytes.get(), start, clock.instant(), markers);
    } catch (ExecutionException e) {
      throw new IOException("TCP sender failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
      for (SocketChannel ch : channels) {
        ch.close();
      }
    }
  }

  /**
   * Waits for the senders; fails when no chunk got through for {@link #STALL_LIMIT}, since a server
   * that stopped reading would otherwise block the writes forever.
   */
  private void awaitProgress(List<Future<Long>> senders) throws IOException, InterruptedException {
    long lastBytes = -1;
    long lastProgress = System.nanoTime();
    while (!senders.stream().allMatch(Future::isDone)) {
      Thread.sleep(PROGRESS_POLL_MILLIS);
      long now = bytes.get();
      if (now != lastBytes) {
        lastBytes = now;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
        throw new IOException(
            "the server read nothing for " + STALL_LIMIT.toSeconds() + " s; giving up");
      }
    }
  }

  private long send(SocketChannel ch, EncodedMessages messages, long deadline, String marker)
      throws IOException {
    long sent = 0;
    int next = 0;
    while (System.nanoTime() < deadline) {
      int n = claim(Math.min(CHUNK_MESSAGES, messages.count() - next));
      if (n == 0) {
        break;
      }
      messages.stamp(next, next + n, now());
      writeFully(ch, messages.slice(next, next + n));
      sent += n;
      next = (next + n) % messages.count();
    }
    writeFully(ch, ByteBuffer.wrap(markerFrame(marker)));
    return sent + 1;
  }

  private byte[] markerFrame(String token) {
    String msg =
        "<134>1 " + Timestamps.format(clock.instant()) + " bench-marker bench - marker - " + token;
    byte[] body = msg.getBytes(StandardCharsets.UTF_8);
    return (body.length + " " + msg).getBytes(StandardCharsets.UTF_8);
  }

  private void writeFully(SocketChannel ch, ByteBuffer buf) throws IOException {
    int size = buf.remaining();
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    bytes.addAndGet(size);
  }

  private byte[] now() {
    return Timestamps.format(clock.instant()).getBytes(StandardCharsets.US_ASCII);
  }

  /** Takes up to {@code wanted} messages from the shared budget; 0 when it is spent. */
  private int claim(int wanted) {
    while (true) {
      long left = budget.get();
      if (left <= 0) {
        return 0;
      }
      int take = (int) Math.min(wanted, left);
      if (budget.compareAndSet(left, left - take)) {
        return take;
      }
    }
  }
}
