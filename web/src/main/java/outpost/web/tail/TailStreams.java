package outpost.web.tail;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The open live-tail streams and their limits: at most {@code maxStreams} in total and {@code
 * maxPerUser} per user. A stream takes a slot with {@link #open} before it subscribes and gives it
 * back when it ends. Thread-safe; the web server closes it, which stops every stream.
 */
public final class TailStreams implements AutoCloseable {
  public static final int MAX_STREAMS = 50;
  public static final int MAX_STREAMS_PER_USER = 5;

  private final int maxStreams;
  private final int maxPerUser;
  private final TailPacing pacing;
  private final Map<String, Integer> perUser = new HashMap<>();
  private final Set<TailStream> running = new HashSet<>();
  private int open;
  private boolean closed;

  public TailStreams(int maxStreams, int maxPerUser, TailPacing pacing) {
    if (maxStreams < 1 || maxPerUser < 1) {
      throw new IllegalArgumentException(
          "stream limits " + maxStreams + " total, " + maxPerUser + " per user must be positive");
    }
    this.maxStreams = maxStreams;
    this.maxPerUser = maxPerUser;
    this.pacing = java.util.Objects.requireNonNull(pacing, "pacing");
  }

  /**
   * With the limits {@value #MAX_STREAMS} and {@value #MAX_STREAMS_PER_USER} and the default
   * pacing.
   */
  public TailStreams() {
    this(MAX_STREAMS, MAX_STREAMS_PER_USER, TailPacing.DEFAULT);
  }

  /**
   * Takes a slot for one of {@code user}'s streams.
   *
   * @throws TooManyStreams when a limit is reached (the message names it)
   */
  public synchronized Slot open(String user) {
    if (closed) {
      throw new TooManyStreams("the server is shutting down");
    }
    if (open >= maxStreams) {
      throw new TooManyStreams(open + " live tails are open, the limit is " + maxStreams);
    }
    int mine = perUser.getOrDefault(user, 0);
    if (mine >= maxPerUser) {
      throw new TooManyStreams(
          "user has " + mine + " live tails open, the limit is " + maxPerUser + " per user");
    }
    perUser.put(user, mine + 1);
    open++;
    return new Slot(user);
  }

  /** Streams open now (slots taken). */
  public synchronized int openStreams() {
    return open;
  }

  private synchronized void release(Slot slot, TailStream stream) {
    if (stream != null) {
      running.remove(stream);
    }
    open--;
    perUser.computeIfPresent(slot.user, (u, n) -> n == 1 ? null : n - 1);
  }

  /** Stops every stream; later {@link #open} calls fail. Safe twice. */
  @Override
  public void close() {
    List<TailStream> streams;
    synchronized (this) {
      closed = true;
      streams = List.copyOf(running);
    }
    streams.forEach(TailStream::stop);
  }

  /** One taken slot; released once, by {@link #close()}. */
  public final class Slot implements AutoCloseable {
    private final String user;
    private TailStream stream;
    private boolean released;

    private Slot(String user) {
      this.user = user;
    }

    /** How the stream in this slot paces its writes. */
    TailPacing pacing() {
      return pacing;
    }

    /** Tracks {@code s} so {@link TailStreams#close()} stops it; false when already closed. */
    boolean attach(TailStream s) {
      synchronized (TailStreams.this) {
        if (closed || released) {
          return false;
        }
        stream = s;
        running.add(s);
        return true;
      }
    }

    @Override
    public void close() {
      synchronized (TailStreams.this) {
        if (!released) {
          released = true;
          release(this, stream);
        }
      }
    }
  }

  /** A stream limit was reached; becomes a 429. */
  public static final class TooManyStreams extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyStreams(String message) {
      super(message);
    }
  }
}
