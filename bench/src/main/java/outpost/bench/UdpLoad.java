package outpost.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
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
 * Sends the corpus as RFC 5424 datagrams, one message each (RFC 5426 section 3.1), from several
 * sender threads as fast as the kernel takes them, for a fixed time. One run per instance; not
 * thread-safe.
 */
final class UdpLoad {
  /** Messages stamped with one timestamp at a time. */
  private static final int CHUNK_MESSAGES = 256;

  /** What was sent; {@code errors} counts sends the kernel refused (e.g. ENOBUFS). */
  record Result(long messages, long bytes, long errors, Instant start, Instant end) {
    double seconds() {
      return Duration.between(start, end).toNanos() / 1e9;
    }
  }

  private final InetSocketAddress target;
  private final Corpus corpus;
  private final InstantSource clock;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  UdpLoad(InetSocketAddress target, Corpus corpus, InstantSource clock) {
    this.target = target;
    this.corpus = corpus;
    this.clock = clock;
  }

  Result run(int senders, Duration duration) throws IOException, InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    List<DatagramChannel> channels = new ArrayList<>();
    try {
      List<EncodedMessages> encoded = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        encoded.add(corpus.encode(s * corpus.size() / senders, false));
        channels.add(DatagramChannel.open().connect(target));
      }
      Instant start = clock.instant();
      long deadline = System.nanoTime() + duration.toNanos();
      List<Future<Long>> sent = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        DatagramChannel ch = channels.get(s);
        EncodedMessages messages = encoded.get(s);
        sent.add(pool.submit(() -> send(ch, messages, deadline)));
      }
      long total = 0;
      for (Future<Long> f : sent) {
        total += f.get();
      }
      return new Result(total, bytes.get(), errors.get(), start, clock.instant());
    } catch (ExecutionException e) {
      throw new IOException("UDP sender failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
      for (DatagramChannel ch : channels) {
        ch.close();
      }
    }
  }

  private long send(DatagramChannel ch, EncodedMessages messages, long deadline) {
    long sent = 0;
    long sentBytes = 0;
    int next = 0;
    while (System.nanoTime() < deadline) {
      int n = Math.min(CHUNK_MESSAGES, messages.count() - next);
      byte[] ts = Timestamps.format(clock.instant()).getBytes(StandardCharsets.US_ASCII);
      messages.stamp(next, next + n, ts);
      for (int i = next; i < next + n; i++) {
        try {
          sentBytes += ch.write(messages.slice(i, i + 1));
          sent++;
        } catch (IOException e) {
          // loopback refuses a datagram only transiently (ENOBUFS, ECONNREFUSED): count, go on
          errors.incrementAndGet();
        }
      }
      next = (next + n) % messages.count();
    }
    bytes.addAndGet(sentBytes);
    return sent;
  }
}
