package outpost.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the corpus over one TCP connection at a fixed rate (octet counting, RFC 6587 section
 * 3.4.1), every {@link TailTraffic#MARKER_EVERY}th message a marker whose send time goes to {@link
 * LatencySamples}. Paced by the clock: each millisecond it sends what is due since the start, so a
 * short stall is caught up rather than lost. One run per instance; not thread-safe.
 */
final class PacedTcpSender {
  private static final long TICK_NANOS = Duration.ofMillis(1).toNanos();

  private final InetSocketAddress target;
  private final Corpus corpus;
  private final String runId;
  private final LatencySamples samples;

  PacedTcpSender(InetSocketAddress target, Corpus corpus, String runId, LatencySamples samples) {
    this.target = target;
    this.corpus = corpus;
    this.runId = runId;
    this.samples = samples;
  }

  /** Sends at {@code rate} msgs/s for {@code duration}; returns {messages sent, nanos taken}. */
  long[] run(int rate, Duration duration) throws IOException {
    EncodedMessages messages = corpus.encode(0, true);
    try (SocketChannel ch = SocketChannel.open(target)) {
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      long next = 0;
      int pos = 0;
      while (System.nanoTime() < end) {
        long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
        byte[] now = Timestamps.format(Instant.now()).getBytes(StandardCharsets.US_ASCII);
        while (next < due) {
          if (next % TailTraffic.MARKER_EVERY == 0) {
            int n = (int) (next / TailTraffic.MARKER_EVERY);
            if (n >= samples.capacity()) {
              return new long[] {next, System.nanoTime() - start};
            }
            samples.sent(n, System.nanoTime());
            writeFully(ch, ByteBuffer.wrap(markerFrame(n)));
            next++;
            continue;
          }
          long left = TailTraffic.MARKER_EVERY - next % TailTraffic.MARKER_EVERY;
          int run = (int) Math.min(Math.min(due - next, left), messages.count() - pos);
          messages.stamp(pos, pos + run, now);
          writeFully(ch, messages.slice(pos, pos + run));
          pos = (pos + run) % messages.count();
          next += run;
        }
        LockSupport.parkNanos(TICK_NANOS);
      }
      return new long[] {next, System.nanoTime() - start};
    }
  }

  private byte[] markerFrame(int n) {
    String msg =
        "<134>1 "
            + Timestamps.format(Instant.now())
            + " bench-tail bench - marker - "
            + TailTraffic.markerText(runId, n);
    byte[] body = msg.getBytes(StandardCharsets.UTF_8);
    return (body.length + " " + msg).getBytes(StandardCharsets.UTF_8);
  }

  private static void writeFully(SocketChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }
}
