package outpost.ingest.transport.relp;

import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import outpost.index.LogEvent;

/**
 * Recognises messages a RELP sender resends after a broken session: librelp resends every frame it
 * holds unacknowledged, first thing in the new session, and some of those were journaled before the
 * old session broke (Outpost killed, or the connection lost, between the journal write and the
 * {@code rsp}). Such a message is acknowledged again but not stored twice.
 *
 * <p>Only a session's first {@link #RESEND_WINDOW_FRAMES} messages are checked, since resends come
 * first; a later message that happens to repeat an earlier one is a real repetition and kept. A
 * message is a resend when the same sender sent the same bytes in another session: found among the
 * {@link #RECENT_CAPACITY} latest messages (this process), or else in the store by a {@link
 * JournaledLookup} (earlier processes: received before the session began, same timestamp, same raw
 * text).
 *
 * <p>Thread-safe: shared by every connection of one receiver. The receiver closes it (stops the
 * lookup thread).
 */
public final class RelpDuplicates implements AutoCloseable {
  /**
   * Messages at the start of each session checked for resends; above librelp's default window of
   * 128 unacknowledged frames and rsyslog {@code omrelp}'s common settings.
   */
  public static final int RESEND_WINDOW_FRAMES = 1024;

  /** Latest messages (of all sessions) remembered in memory. */
  public static final int RECENT_CAPACITY = 65_536;

  /** Store lookups waiting for the lookup thread; beyond, a session's check is skipped. */
  public static final int MAX_QUEUED_LOOKUPS = 256;

  /** A session's identity and start. */
  public record Session(long id, Instant started) {}

  /** A message's identity: SHA-256 of sender and bytes, first 128 bits. */
  public record Digest(long high, long low) {}

  private record Recent(long session, CompletableFuture<Void> durable) {}

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(RelpDuplicates::sha256);

  private final JournaledLookup lookup;
  private final ThreadPoolExecutor lookups;
  private final InstantSource clock;
  private final Counter duplicates;
  private final Counter skippedLookups;
  private final AtomicLong sessions = new AtomicLong();
  private final Map<Digest, Recent> recent =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Digest, Recent> eldest) {
          return size() > RECENT_CAPACITY;
        }
      };

  /**
   * @param lookup searches the store, or null to recognise resends within this process only
   * @param clock session start times
   * @param duplicates counts resends recognised (acknowledged, not stored)
   * @param skippedLookups counts sessions whose store lookup was skipped (too many queued)
   */
  public RelpDuplicates(
      JournaledLookup lookup, InstantSource clock, Counter duplicates, Counter skippedLookups) {
    this.lookup = lookup;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.duplicates = Objects.requireNonNull(duplicates, "duplicates");
    this.skippedLookups = Objects.requireNonNull(skippedLookups, "skippedLookups");
    this.lookups =
        lookup == null
            ? null
            : new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED_LOOKUPS),
                r -> {
                  Thread t = new Thread(r, "outpost-relp-lookup");
                  t.setDaemon(true);
                  return t;
                });
  }

  /** A new session, numbered, started now. */
  public Session newSession() {
    return new Session(sessions.incrementAndGet(), clock.instant());
  }

  /** The identity of {@code data} from {@code sender}. */
  public static Digest digest(String sender, byte[] data) {
    MessageDigest sha = SHA256.get();
    sha.update(sender.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    byte[] d = sha.digest(data);
    return new Digest(bytesToLong(d, 0), bytesToLong(d, 8));
  }

  /**
   * The durability of the same message from another session, or null when there is none in memory.
   */
  public CompletableFuture<Void> earlier(Digest digest, Session session) {
    Recent r;
    synchronized (recent) {
      r = recent.get(digest);
    }
    return r == null || r.session() == session.id() ? null : r.durable();
  }

  /** Remembers a message about to be appended; {@code durable} completes when it is journaled. */
  public void remember(Digest digest, Session session, CompletableFuture<Void> durable) {
    synchronized (recent) {
      recent.put(digest, new Recent(session.id(), durable));
    }
  }

  /** True when resends from before this process can be found in the store. */
  public boolean canLookUp() {
    return lookup != null;
  }

  /**
   * Searches the store on the lookup thread.
   *
   * @return indexes of {@code events} already stored; empty (and counted) when the lookup queue is
   *     full or closed
   */
  public CompletableFuture<Set<Integer>> lookUp(List<LogEvent> events, Session session) {
    try {
      return CompletableFuture.supplyAsync(
          () -> lookup.journaled(events, session.started()), lookups);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      skippedLookups.increment();
      return CompletableFuture.completedFuture(Set.of());
    }
  }

  /** Counts {@code n} recognised resends. */
  public void counted(int n) {
    duplicates.increment(n);
  }

  @Override
  public void close() {
    if (lookups != null) {
      lookups.shutdownNow();
    }
  }

  private static long bytesToLong(byte[] b, int at) {
    long v = 0;
    for (int i = at; i < at + 8; i++) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
